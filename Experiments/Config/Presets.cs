namespace MCoverPhysics.Experiments.Config;

/// <summary>Named, embedded sweep configs (<c>mcover sweep --preset NAME</c>).</summary>
public static class Presets
{
    /// <summary>
    /// quick: teacher–student perceptron, CP vs CP+R vs SBPI over α = 0.5 … 3, N = 1001, 6 seeds; seconds on 2 cores.
    /// Shows the known physics: ε_g falls with α for CP+R and SBPI (reaching 0, R = 1), while plain CP stalls.
    /// </summary>
    public const string Quick = """
        {
          "model": "perceptron",
          "task": "teacher",
          "rule": ["cp", "cpr", "sbpi"],
          "n": 1001,
          "alpha": "0.5:0.5:3",
          "copies": 4,
          "epochs": 500,
          "test-patterns": 2000,
          "seeds": 6
        }
        """;

    /// <summary>
    /// mcover-vs-independent: CP+R teacher–student over α ∈ [0.5, 3] at equal M = 8 and equal epochs, Q = identity
    /// against ring kernels of several σ and uniform, quenched and annealed, edge and word routing, with seeds paired
    /// across kernels. Writes comparison.md (ε_g ± sem and paired Δε_g ± sem against identity) and comparison.png.
    /// </summary>
    /// <remarks>Q = identity routes nothing, so it is one block without schedule and granularity (its runs are the same for
    /// every schedule and granularity) and the routing kernels another.</remarks>
    public const string McoverVsIndependent = """
        [
          { "model": "perceptron", "task": "teacher", "rule": "cpr", "n": 301, "alpha": "0.5:0.5:3", "copies": 8, "epochs": 300,
            "test-patterns": 2000, "seeds": 8, "kernel": "identity" },
          { "model": "perceptron", "task": "teacher", "rule": "cpr", "n": 301, "alpha": "0.5:0.5:3", "copies": 8, "epochs": 300,
            "test-patterns": 2000, "seeds": 8, "kernel": ["ring:sigma=0.5", "ring:sigma=1", "ring:sigma=2", "uniform"],
            "schedule": ["quenched", "annealed"], "granularity": ["edge", "word"] }
        ]
        """;

    /// <summary>
    /// comparison: CP+R teacher–student over α at equal M = 8 and equal epochs (budget stop: equal updates) — one student
    /// (with 8× the epochs), 8 independent students, replicated coupling, output consensus, and M-cover with uniform and
    /// ring kernels (for the K = 3 tree committee also routed per hidden unit) — for the perceptron and the K = 3 tree
    /// committee at N = 501, on paired seeds; about 2 minutes on 2 cores. Writes comparison.md (ε_g ± sem, paired Δε_g against independent students,
    /// diversity, wall time per method) and comparison.png.
    /// </summary>
    public const string Comparison = """
        [
          { "model": "perceptron", "task": "teacher", "rule": "cpr", "n": 501, "alpha": "0.5:0.5:3", "stop": "budget", "test-patterns": 2000, "seeds": 8,
            "copies": 1, "epochs": 1600 },
          { "model": "perceptron", "task": "teacher", "rule": "cpr", "n": 501, "alpha": "0.5:0.5:3", "stop": "budget", "test-patterns": 2000, "seeds": 8,
            "copies": 8, "epochs": 200, "coupling": ["none", "replicated", "consensus"] },
          { "model": "perceptron", "task": "teacher", "rule": "cpr", "n": 501, "alpha": "0.5:0.5:3", "stop": "budget", "test-patterns": 2000, "seeds": 8,
            "copies": 8, "epochs": 200, "kernel": ["uniform", "ring:sigma=1"] },
          { "model": "committee", "hidden": 3, "arch": "tree", "task": "teacher", "rule": "cpr", "n": 501, "alpha": "0.5:0.5:3", "stop": "budget",
            "test-patterns": 2000, "seeds": 8, "copies": 1, "epochs": 1600 },
          { "model": "committee", "hidden": 3, "arch": "tree", "task": "teacher", "rule": "cpr", "n": 501, "alpha": "0.5:0.5:3", "stop": "budget",
            "test-patterns": 2000, "seeds": 8, "copies": 8, "epochs": 200, "coupling": ["none", "replicated", "consensus"] },
          { "model": "committee", "hidden": 3, "arch": "tree", "task": "teacher", "rule": "cpr", "n": 501, "alpha": "0.5:0.5:3", "stop": "budget",
            "test-patterns": 2000, "seeds": 8, "copies": 8, "epochs": 200, "kernel": ["uniform", "ring:sigma=1"], "granularity": ["edge", "unit"] }
        ]
        """;

    /// <summary>
    /// committee-quick: K = 3 binary committee machines (tree and fully connected) learning a teacher of the same shape by
    /// least-action CP+R and SBPI, N = 297, α = 0.5 … 2, 4 copies, 4 seeds; seconds on 2 cores. Shows ε_g (test error and
    /// from the overlaps) falling with α, and the hidden-unit overlaps R_kl per copy in R_matrix.csv.
    /// </summary>
    public const string CommitteeQuick = """
        {
          "model": "committee",
          "hidden": 3,
          "arch": ["tree", "full"],
          "task": "teacher",
          "rule": ["cpr", "sbpi"],
          "n": 297,
          "alpha": "0.5:0.5:2",
          "copies": 4,
          "epochs": 300,
          "test-patterns": 2000,
          "seeds": 4
        }
        """;

    /// <summary>
    /// atlas (issue 20): the lift's design space against independent copies on 16 paired seeds, a core grid plus slices.
    /// Core: perceptron, N = 501, M ∈ {4, 8}, α ∈ {0.5, 1, 1.5, 2}, CP+R and SBPI (stop budget: equal updates); kernels spanning
    /// λ₂ from 1 to 0 (ring σ ∈ {0.35, 0.5, 1, 2}, band, block, uniform), quenched (edge), annealed (word) and de-lifting
    /// (uniform → identity) schedules, the long-cycle law θ = 0.3, the asymmetric wiring, and the replicated coupling at three γ
    /// (the fixed-diversity comparison). Slices: granularity and schedule (CP+R, M = 4: word-quenched, edge-annealed, geometric
    /// de-lifting); M ∈ {2, 16} (CP+R); N ∈ {1001, 2001} (CP+R and SBPI at M = 4, CP+R at M = 8) for the extrapolation of Δε_g in
    /// 1/N; SA (with the replicated coupling at three γ); rBP (N = 301, M = 4, quenched and annealed); the K = 3 tree committee by
    /// least-action CP+R (N = 501, α ∈ {1, 2, 3, 4}: kernels, unit granularity, annealed, de-lifting, replicated at three γ) and by
    /// rBP (N = 201). 10752 tasks; then <c>mcover atlas DIR --out docs/results/atlas.md</c>. Cost measured from a 1/16 shard
    /// (docs/mcover.md#the-atlas): about 48 CPU-minutes, i.e. about 25 minutes with --threads 2 on 2 idle cores. The thesis-scale version
    /// (more seeds, N, M and the MLP) goes through <c>mcover slurm</c>.
    /// </summary>
    public const string Atlas = """
        [
          { "model": "perceptron", "task": "teacher", "rule": ["cpr", "sbpi"], "n": 501, "alpha": "0.5:0.5:2", "copies": [4, 8], "epochs": 100, "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": "identity" },
          { "model": "perceptron", "task": "teacher", "rule": ["cpr", "sbpi"], "n": 501, "alpha": "0.5:0.5:2", "copies": [4, 8], "epochs": 100, "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": "identity", "coupling": "replicated", "gamma": [0.0001, 0.001, 0.01], "gamma-step": 0 },
          { "model": "perceptron", "task": "teacher", "rule": ["cpr", "sbpi"], "n": 501, "alpha": "0.5:0.5:2", "copies": [4, 8], "epochs": 100, "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": ["ring:sigma=0.35", "ring:sigma=0.5", "ring:sigma=1", "ring:sigma=2", "band:m=1,h=0.5", "block:size=2,sigma=1", "uniform"] },
          { "model": "perceptron", "task": "teacher", "rule": ["cpr", "sbpi"], "n": 501, "alpha": "0.5:0.5:2", "copies": [4, 8], "epochs": 100, "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": ["ring:sigma=1", "uniform"], "schedule": "annealed", "granularity": "word" },
          { "model": "perceptron", "task": "teacher", "rule": ["cpr", "sbpi"], "n": 501, "alpha": "0.5:0.5:2", "copies": [4, 8], "epochs": 100, "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": "uniform", "schedule": "annealed", "granularity": "word", "kernel-to": "identity" },
          { "model": "perceptron", "task": "teacher", "rule": ["cpr", "sbpi"], "n": 501, "alpha": "0.5:0.5:2", "copies": [4, 8], "epochs": 100, "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": ["uniform", "ring:sigma=1"], "cycle-weight": 0.3 },
          { "model": "perceptron", "task": "teacher", "rule": ["cpr", "sbpi"], "n": 501, "alpha": "0.5:0.5:2", "copies": [4, 8], "epochs": 100, "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": ["uniform", "ring:sigma=1"], "wiring": "asymmetric" },
          { "model": "perceptron", "task": "teacher", "rule": "cpr", "n": 501, "alpha": "0.5:0.5:2", "copies": 4, "epochs": 100, "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": ["uniform", "ring:sigma=1"], "granularity": "word" },
          { "model": "perceptron", "task": "teacher", "rule": "cpr", "n": 501, "alpha": "0.5:0.5:2", "copies": 4, "epochs": 100, "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": "uniform", "schedule": "annealed", "granularity": "edge" },
          { "model": "perceptron", "task": "teacher", "rule": "cpr", "n": 501, "alpha": "0.5:0.5:2", "copies": 4, "epochs": 100, "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": "uniform", "schedule": "annealed", "granularity": "word", "kernel-to": "identity", "kernel-ramp": "geometric" },
          { "model": "perceptron", "task": "teacher", "rule": "cpr", "n": 501, "alpha": "0.5:0.5:2", "copies": [2, 16], "epochs": 100, "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": "identity" },
          { "model": "perceptron", "task": "teacher", "rule": "cpr", "n": 501, "alpha": "0.5:0.5:2", "copies": [2, 16], "epochs": 100, "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": "identity", "coupling": "replicated", "gamma": [0.0001, 0.001, 0.01], "gamma-step": 0 },
          { "model": "perceptron", "task": "teacher", "rule": "cpr", "n": 501, "alpha": "0.5:0.5:2", "copies": [2, 16], "epochs": 100, "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": "uniform" },
          { "model": "perceptron", "task": "teacher", "rule": "cpr", "n": 501, "alpha": "0.5:0.5:2", "copies": [2, 16], "epochs": 100, "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": ["uniform", "ring:sigma=1"], "schedule": "annealed", "granularity": "word" },
          { "model": "perceptron", "task": "teacher", "rule": "cpr", "n": 501, "alpha": "0.5:0.5:2", "copies": [2, 16], "epochs": 100, "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": "uniform", "schedule": "annealed", "granularity": "word", "kernel-to": "identity" },
          { "model": "perceptron", "task": "teacher", "rule": ["cpr", "sbpi"], "n": [1001, 2001], "alpha": "0.5:0.5:2", "copies": 4, "epochs": 100, "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": "identity" },
          { "model": "perceptron", "task": "teacher", "rule": ["cpr", "sbpi"], "n": [1001, 2001], "alpha": "0.5:0.5:2", "copies": 4, "epochs": 100, "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": "identity", "coupling": "replicated", "gamma": [0.0001, 0.001, 0.01], "gamma-step": 0 },
          { "model": "perceptron", "task": "teacher", "rule": ["cpr", "sbpi"], "n": [1001, 2001], "alpha": "0.5:0.5:2", "copies": 4, "epochs": 100, "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": "uniform" },
          { "model": "perceptron", "task": "teacher", "rule": ["cpr", "sbpi"], "n": [1001, 2001], "alpha": "0.5:0.5:2", "copies": 4, "epochs": 100, "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": ["uniform", "ring:sigma=1"], "schedule": "annealed", "granularity": "word" },
          { "model": "perceptron", "task": "teacher", "rule": ["cpr", "sbpi"], "n": [1001, 2001], "alpha": "0.5:0.5:2", "copies": 4, "epochs": 100, "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": "uniform", "schedule": "annealed", "granularity": "word", "kernel-to": "identity" },
          { "model": "perceptron", "task": "teacher", "rule": "cpr", "n": [1001, 2001], "alpha": "0.5:0.5:2", "copies": 8, "epochs": 100, "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": "identity" },
          { "model": "perceptron", "task": "teacher", "rule": "cpr", "n": [1001, 2001], "alpha": "0.5:0.5:2", "copies": 8, "epochs": 100, "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": "identity", "coupling": "replicated", "gamma": [0.0001, 0.001, 0.01], "gamma-step": 0 },
          { "model": "perceptron", "task": "teacher", "rule": "cpr", "n": [1001, 2001], "alpha": "0.5:0.5:2", "copies": 8, "epochs": 100, "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": "uniform" },
          { "model": "perceptron", "task": "teacher", "rule": "cpr", "n": [1001, 2001], "alpha": "0.5:0.5:2", "copies": 8, "epochs": 100, "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": ["uniform", "ring:sigma=1"], "schedule": "annealed", "granularity": "word" },
          { "model": "perceptron", "task": "teacher", "rule": "cpr", "n": [1001, 2001], "alpha": "0.5:0.5:2", "copies": 8, "epochs": 100, "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": "uniform", "schedule": "annealed", "granularity": "word", "kernel-to": "identity" },
          { "model": "perceptron", "task": "teacher", "rule": "sa", "n": 501, "alpha": "0.5:0.5:2", "copies": [4, 8], "sweeps": 50, "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": ["identity", "uniform", "ring:sigma=1"] },
          { "model": "perceptron", "task": "teacher", "rule": "sa", "n": 501, "alpha": "0.5:0.5:2", "copies": [4, 8], "sweeps": 50, "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": "identity", "coupling": "replicated", "gamma": [0.01, 0.03, 0.1], "gamma-step": 0 },
          { "model": "perceptron", "task": "teacher", "rule": "rbp", "n": 301, "alpha": "0.5:0.5:2", "copies": 4, "iters": 100, "reinforcement-step": 0.005, "test-patterns": 1000, "seeds": 16, "kernel": ["identity", "uniform", "ring:sigma=1"] },
          { "model": "perceptron", "task": "teacher", "rule": "rbp", "n": 301, "alpha": "0.5:0.5:2", "copies": 4, "iters": 100, "reinforcement-step": 0.005, "test-patterns": 1000, "seeds": 16, "kernel": "uniform", "schedule": "annealed" },
          { "model": "committee", "hidden": 3, "arch": "tree", "task": "teacher", "rule": "cpr", "n": 501, "alpha": "1:1:4", "copies": 4, "epochs": 100, "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": "identity" },
          { "model": "committee", "hidden": 3, "arch": "tree", "task": "teacher", "rule": "cpr", "n": 501, "alpha": "1:1:4", "copies": 4, "epochs": 100, "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": "identity", "coupling": "replicated", "gamma": [0.0001, 0.001, 0.01], "gamma-step": 0 },
          { "model": "committee", "hidden": 3, "arch": "tree", "task": "teacher", "rule": "cpr", "n": 501, "alpha": "1:1:4", "copies": 4, "epochs": 100, "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": ["uniform", "ring:sigma=1"] },
          { "model": "committee", "hidden": 3, "arch": "tree", "task": "teacher", "rule": "cpr", "n": 501, "alpha": "1:1:4", "copies": 4, "epochs": 100, "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": "uniform", "granularity": "unit" },
          { "model": "committee", "hidden": 3, "arch": "tree", "task": "teacher", "rule": "cpr", "n": 501, "alpha": "1:1:4", "copies": 4, "epochs": 100, "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": "uniform", "schedule": "annealed", "granularity": "word" },
          { "model": "committee", "hidden": 3, "arch": "tree", "task": "teacher", "rule": "cpr", "n": 501, "alpha": "1:1:4", "copies": 4, "epochs": 100, "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": "uniform", "schedule": "annealed", "granularity": "word", "kernel-to": "identity" },
          { "model": "committee", "hidden": 3, "arch": "tree", "task": "teacher", "rule": "rbp", "n": 201, "alpha": "1:1:4", "copies": 4, "iters": 100, "reinforcement-step": 0.005, "test-patterns": 1000, "seeds": 16, "kernel": ["identity", "uniform", "ring:sigma=1"] }
        ]
        """;

    /// <summary>
    /// atlas-tiny: the atlas's design on a grid that runs in seconds (every block of <see cref="Atlas"/>: perceptron CP+R at
    /// N ∈ {51, 101} with the replicated coupling, annealed, de-lifting, long-cycle and asymmetric lifts, M = 2, rBP, SA, and the
    /// K = 3 committee by CP+R and rBP; 4 paired seeds), for trying the report and for the tests (<see cref="Atlas"/> is the study).
    /// </summary>
    public const string AtlasTiny = """
        [
          { "rule": "cpr", "n": [51, 101], "alpha": [0.5, 1.5], "copies": 4, "epochs": 20, "stop": "budget", "test-patterns": 300, "seeds": 4, "kernel": "identity" },
          { "rule": "cpr", "n": [51, 101], "alpha": [0.5, 1.5], "copies": 4, "epochs": 20, "stop": "budget", "test-patterns": 300, "seeds": 4, "coupling": "replicated", "gamma": [0.001, 0.01], "gamma-step": 0 },
          { "rule": "cpr", "n": [51, 101], "alpha": [0.5, 1.5], "copies": 4, "epochs": 20, "stop": "budget", "test-patterns": 300, "seeds": 4, "kernel": ["ring:sigma=1", "uniform"], "schedule": "annealed", "granularity": "word" },
          { "rule": "cpr", "n": 101, "alpha": [0.5, 1.5], "copies": 4, "epochs": 20, "stop": "budget", "test-patterns": 300, "seeds": 4, "kernel": "uniform" },
          { "rule": "cpr", "n": 101, "alpha": [0.5, 1.5], "copies": 4, "epochs": 20, "stop": "budget", "test-patterns": 300, "seeds": 4, "kernel": "uniform", "schedule": "annealed", "granularity": "word", "kernel-to": "identity" },
          { "rule": "cpr", "n": 101, "alpha": [0.5, 1.5], "copies": 4, "epochs": 20, "stop": "budget", "test-patterns": 300, "seeds": 4, "kernel": "uniform", "cycle-weight": 0.3 },
          { "rule": "cpr", "n": 101, "alpha": [0.5, 1.5], "copies": 4, "epochs": 20, "stop": "budget", "test-patterns": 300, "seeds": 4, "kernel": "uniform", "wiring": "asymmetric" },
          { "rule": "cpr", "n": 101, "alpha": 1, "copies": 2, "epochs": 20, "stop": "budget", "test-patterns": 300, "seeds": 4, "kernel": ["identity", "uniform"] },
          { "rule": "rbp", "n": 101, "alpha": [0.5, 1.5], "copies": 4, "iters": 50, "test-patterns": 300, "seeds": 4, "kernel": ["identity", "uniform"] },
          { "rule": "sa", "n": 101, "alpha": [0.5, 1.5], "copies": 4, "sweeps": 10, "stop": "budget", "test-patterns": 300, "seeds": 4, "kernel": ["identity", "uniform"] },
          { "rule": "sa", "n": 101, "alpha": [0.5, 1.5], "copies": 4, "sweeps": 10, "stop": "budget", "test-patterns": 300, "seeds": 4, "coupling": "replicated", "gamma": 0.05, "gamma-step": 0 },
          { "model": "committee", "hidden": 3, "arch": "tree", "rule": "cpr", "n": 99, "alpha": [1, 2], "copies": 4, "epochs": 20, "stop": "budget", "test-patterns": 300, "seeds": 4, "kernel": ["identity", "uniform"] },
          { "model": "committee", "hidden": 3, "arch": "tree", "rule": "cpr", "n": 99, "alpha": [1, 2], "copies": 4, "epochs": 20, "stop": "budget", "test-patterns": 300, "seeds": 4, "coupling": "replicated", "gamma": 0.01, "gamma-step": 0 },
          { "model": "committee", "hidden": 3, "arch": "tree", "rule": "rbp", "n": 99, "alpha": [1, 2], "copies": 4, "iters": 50, "test-patterns": 300, "seeds": 4, "kernel": ["identity", "uniform"] }
        ]
        """;

    /// <summary>
    /// committee-mp: message passing for binary committee machines at the sizes of issue #18 (docs/results/committee-mp.md),
    /// 20 instances a point, paired seeds: storage success of fBP (standard protocol, Δρ = 0.02, ≤ 50 sweeps a step, damping
    /// 0.5) and rBP, both with the large-N edge message (--bp-accuracy expand), against the tuned least-action CP+R (c = 0.03)
    /// and SBPI (p_s = 0.1), 5000 epochs, and simulated annealing (20000 sweeps, β 0.5 → 10 linear, tuned at N = 201; on the tree also 200000 sweeps at α ≤ 0.75), for the K = 3 tree at N = 999 (α = P/N = 0.65 … 0.85) and the K = 5 fully connected
    /// machine at N = 321 (α = P/N = 1, 2, 2.5, 3, N the inputs per unit); fBP and rBP on the uniform 3-cover against 3 independent
    /// copies (K = 3 tree, N = 201, α = 0.75, 16 seeds, same budget); teacher–student K = 3 fully connected at N = 501 (α = 1 … 5,
    /// 8 seeds): AMP, plain BP and CP+R, the report adding the committee state evolution. Writes committee-mp.md. Estimated
    /// ≈ 8000 CPU-seconds from per-instance CPU times measured at these sizes on the 2-core machine under a load of 8–14
    /// (fBP expand: tree 9–39 s, full 8 s at α = 2 and 146 s for an unsolved α = 3.5 instance; rBP 12–29 s; CP+R/SBPI ≈ 1 s;
    /// AMP/BP at N = 501 ≈ 6–7 s), i.e. ≈ 66 minutes on 2 cores at those rates; measured: 4596 s (77 min) on 2 loaded cores without SA, SA 2591 s on one thread.
    /// </summary>
    public const string CommitteeMp = """
        [
          { "model": "committee", "hidden": 3, "arch": "tree", "task": "storage", "n": 999, "alpha": "0.65:0.05:0.85", "copies": 1, "seeds": 20,
            "rule": "fbp", "damping": 0.5, "tol": 0.001, "iters": 50, "focus-step": 0.02, "bp-accuracy": "expand" },
          { "model": "committee", "hidden": 3, "arch": "tree", "task": "storage", "n": 999, "alpha": "0.65:0.05:0.85", "copies": 1, "seeds": 20,
            "rule": "rbp", "bp-accuracy": "expand" },
          { "model": "committee", "hidden": 3, "arch": "tree", "task": "storage", "n": 999, "alpha": "0.65:0.05:0.85", "copies": 1, "seeds": 20, "rule": "cpr", "pr-c": 0.03, "epochs": 5000 },
          { "model": "committee", "hidden": 3, "arch": "tree", "task": "storage", "n": 999, "alpha": "0.65:0.05:0.85", "copies": 1, "seeds": 20, "rule": "sbpi", "ps": 0.1, "epochs": 5000 },
          { "model": "committee", "hidden": 3, "arch": "tree", "task": "storage", "n": 999, "alpha": "0.65:0.05:0.85", "copies": 1, "seeds": 20, "rule": "sa", "sweeps": 20000, "beta0": 0.5, "beta1": 10 },
          { "model": "committee", "hidden": 3, "arch": "tree", "task": "storage", "n": 999, "alpha": [0.65, 0.7, 0.75], "copies": 1, "seeds": 20, "rule": "sa", "sweeps": 200000, "beta0": 0.5, "beta1": 10 },
          { "model": "committee", "hidden": 5, "arch": "full", "task": "storage", "n": 321, "alpha": [1, 2, 2.5, 3], "copies": 1, "seeds": 20,
            "rule": "fbp", "damping": 0.5, "tol": 0.001, "iters": 50, "focus-step": 0.02, "bp-accuracy": "expand" },
          { "model": "committee", "hidden": 5, "arch": "full", "task": "storage", "n": 321, "alpha": [1, 2, 2.5, 3], "copies": 1, "seeds": 20,
            "rule": "rbp", "bp-accuracy": "expand" },
          { "model": "committee", "hidden": 5, "arch": "full", "task": "storage", "n": 321, "alpha": [1, 2, 2.5, 3], "copies": 1, "seeds": 20, "rule": "cpr", "pr-c": 0.03, "epochs": 5000 },
          { "model": "committee", "hidden": 5, "arch": "full", "task": "storage", "n": 321, "alpha": [1, 2, 2.5, 3], "copies": 1, "seeds": 20, "rule": "sbpi", "ps": 0.1, "epochs": 5000 },
          { "model": "committee", "hidden": 5, "arch": "full", "task": "storage", "n": 321, "alpha": [1, 2, 2.5, 3], "copies": 1, "seeds": 20, "rule": "sa", "sweeps": 20000, "beta0": 0.5, "beta1": 10 },
          { "model": "committee", "hidden": 3, "arch": "tree", "task": "storage", "n": 201, "alpha": 0.75, "copies": 3, "seeds": 16,
            "rule": "fbp", "damping": 0.5, "tol": 0.001, "iters": 50, "focus-step": 0.02, "kernel": ["identity", "uniform"] },
          { "model": "committee", "hidden": 3, "arch": "tree", "task": "storage", "n": 201, "alpha": 0.75, "copies": 3, "seeds": 16,
            "rule": "rbp", "kernel": ["identity", "uniform"] },
          { "model": "committee", "hidden": 3, "arch": "full", "task": "teacher", "n": 501, "alpha": "1:1:5", "copies": 1, "seeds": 8, "test-patterns": 2000,
            "rule": "amp", "iters": 40, "tol": 1e-5 },
          { "model": "committee", "hidden": 3, "arch": "full", "task": "teacher", "n": 501, "alpha": "1:1:5", "copies": 1, "seeds": 8, "test-patterns": 2000,
            "rule": "bp", "damping": 0.5, "bp-accuracy": "expand" },
          { "model": "committee", "hidden": 3, "arch": "full", "task": "teacher", "n": 501, "alpha": "1:1:5", "copies": 1, "seeds": 8, "test-patterns": 2000,
            "rule": "cpr", "epochs": 2000 }
        ]
        """;

    /// <summary>
    /// committee-amp: committee AMP (K = 3, fully connected, teacher task) at N = 2001 against its state evolution, below, at and
    /// above the specialisation transition α_spec = 3.766 (docs/physics/theory.md); 10 seeds a load, 20000 test patterns (with
    /// 2000 the predictor's test error carries ±0.01 of binomial noise a run, shared by the loads of a seed), at most 40
    /// iterations (tolerance 10⁻⁵: near α_spec the slow specialisation mode keeps the means moving by ~10⁻⁶ for hundreds of
    /// iterations while the overlaps have settled). Writes committee-amp.md (docs/results/committee-amp.md). About 4 minutes on
    /// the 2-core machine.
    /// </summary>
    public const string CommitteeAmp = """
        [
          { "model": "committee", "hidden": 3, "arch": "full", "task": "teacher", "n": 2001, "alpha": [1, 2.5, 3.766, 5], "copies": 1, "seeds": 10,
            "test-patterns": 20000, "rule": "amp", "iters": 40, "tol": 1e-5 }
        ]
        """;

    /// <summary>All presets by name.</summary>
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        ["quick"] = Quick,
        ["mcover-vs-independent"] = McoverVsIndependent,
        ["comparison"] = Comparison,
        ["committee-quick"] = CommitteeQuick,
        ["atlas"] = Atlas,
        ["atlas-tiny"] = AtlasTiny,
        ["committee-mp"] = CommitteeMp,
        ["committee-amp"] = CommitteeAmp,
    };

    /// <summary>The preset's config text.</summary>
    public static string Get(string name)
        => All.TryGetValue(name, out var json) ? json : throw UsageException.Field("preset", name, $"is not a preset; expected {string.Join(", ", All.Keys)}");
}
