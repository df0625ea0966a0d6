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
    /// atlas (issue 20): the lift's design space against independent copies on 16 paired seeds — perceptron, N = 501, M ∈ {4, 8},
    /// α ∈ {0.5, 1, 1.5, 2}, CP+R and SBPI (stop budget: equal updates), SA; kernels spanning λ₂ from 1 to 0 (ring σ, band, block,
    /// uniform), the long-cycle law θ = 0.3, the asymmetric wiring, quenched, annealed and de-lifting (uniform → identity)
    /// schedules, and the replicated coupling at three γ (to compare at equal diversity). Then <c>mcover atlas DIR --out
    /// docs/results/atlas.md</c>. 4992 tasks, about 14 minutes with --threads 2 on a 2-core machine (docs/results/atlas.md is its run);
    /// the thesis-scale version adds N ∈ {1001, 2001}, M = 16, the K = 3 committee and rbp through <c>mcover slurm</c>.
    /// </summary>
    public const string Atlas = """
        [
          { "model": "perceptron", "task": "teacher", "rule": ["cpr", "sbpi"], "n": 501, "alpha": "0.5:0.5:2", "copies": [4, 8], "epochs": 100,
            "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": "identity" },
          { "model": "perceptron", "task": "teacher", "rule": ["cpr", "sbpi"], "n": 501, "alpha": "0.5:0.5:2", "copies": [4, 8], "epochs": 100,
            "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": "identity", "coupling": "replicated", "gamma": [0.0001, 0.001, 0.01], "gamma-step": 0 },
          { "model": "perceptron", "task": "teacher", "rule": ["cpr", "sbpi"], "n": 501, "alpha": "0.5:0.5:2", "copies": [4, 8], "epochs": 100,
            "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": ["ring:sigma=0.5", "ring:sigma=1", "ring:sigma=2", "band:m=1,h=0.5", "block:size=2,sigma=1", "uniform"] },
          { "model": "perceptron", "task": "teacher", "rule": ["cpr", "sbpi"], "n": 501, "alpha": "0.5:0.5:2", "copies": [4, 8], "epochs": 100,
            "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": ["ring:sigma=1", "uniform"], "schedule": "annealed", "granularity": "word" },
          { "model": "perceptron", "task": "teacher", "rule": ["cpr", "sbpi"], "n": 501, "alpha": "0.5:0.5:2", "copies": [4, 8], "epochs": 100,
            "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": "uniform", "schedule": "annealed", "granularity": "word", "kernel-to": "identity" },
          { "model": "perceptron", "task": "teacher", "rule": ["cpr", "sbpi"], "n": 501, "alpha": "0.5:0.5:2", "copies": [4, 8], "epochs": 100,
            "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": ["uniform", "ring:sigma=1"], "cycle-weight": 0.3 },
          { "model": "perceptron", "task": "teacher", "rule": ["cpr", "sbpi"], "n": 501, "alpha": "0.5:0.5:2", "copies": [4, 8], "epochs": 100,
            "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": ["uniform", "ring:sigma=1"], "wiring": "asymmetric" },
          { "model": "perceptron", "task": "teacher", "rule": "sa", "n": 501, "alpha": "0.5:0.5:2", "copies": [4, 8], "sweeps": 50,
            "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": ["identity", "uniform", "ring:sigma=1"] },
          { "model": "perceptron", "task": "teacher", "rule": "sa", "n": 501, "alpha": "0.5:0.5:2", "copies": [4, 8], "sweeps": 50,
            "stop": "budget", "test-patterns": 1000, "seeds": 16, "kernel": "identity", "coupling": "replicated", "gamma": [0.01, 0.1], "gamma-step": 0 }
        ]
        """;

    /// <summary>
    /// atlas-tiny: the atlas's design on a grid that runs in about a minute on 2 cores (N = 201, M = 4, α ∈ {0.5, 1.5}, CP+R and
    /// SA, 8 paired seeds), for trying the report and for tests (<see cref="Atlas"/> is the study).
    /// </summary>
    public const string AtlasTiny = """
        [
          { "rule": "cpr", "n": 201, "alpha": [0.5, 1.5], "copies": 4, "epochs": 50, "stop": "budget", "test-patterns": 1000, "seeds": 8, "kernel": ["identity", "ring:sigma=1", "uniform"] },
          { "rule": "cpr", "n": 201, "alpha": [0.5, 1.5], "copies": 4, "epochs": 50, "stop": "budget", "test-patterns": 1000, "seeds": 8, "coupling": "replicated", "gamma": [0.001, 0.01], "gamma-step": 0 },
          { "rule": "cpr", "n": 201, "alpha": [0.5, 1.5], "copies": 4, "epochs": 50, "stop": "budget", "test-patterns": 1000, "seeds": 8, "kernel": "uniform", "schedule": "annealed", "granularity": "word" },
          { "rule": "cpr", "n": 201, "alpha": [0.5, 1.5], "copies": 4, "epochs": 50, "stop": "budget", "test-patterns": 1000, "seeds": 8, "kernel": "uniform", "schedule": "annealed", "granularity": "word", "kernel-to": "identity" },
          { "rule": "cpr", "n": 201, "alpha": [0.5, 1.5], "copies": 4, "epochs": 50, "stop": "budget", "test-patterns": 1000, "seeds": 8, "kernel": "uniform", "cycle-weight": 0.3 },
          { "rule": "cpr", "n": 201, "alpha": [0.5, 1.5], "copies": 4, "epochs": 50, "stop": "budget", "test-patterns": 1000, "seeds": 8, "kernel": "uniform", "wiring": "asymmetric" },
          { "rule": "sa", "n": 201, "alpha": [0.5, 1.5], "copies": 4, "sweeps": 20, "stop": "budget", "test-patterns": 1000, "seeds": 8, "kernel": ["identity", "uniform"] },
          { "rule": "sa", "n": 201, "alpha": [0.5, 1.5], "copies": 4, "sweeps": 20, "stop": "budget", "test-patterns": 1000, "seeds": 8, "coupling": "replicated", "gamma": 0.05, "gamma-step": 0 }
        ]
        """;

    /// <summary>
    /// committee-mp: message passing for binary committee machines at reduced size (docs/results/committee-mp.md): storage
    /// success of fBP (standard protocol, damping 0.5) against rBP and the tuned least-action CP+R (c = 0.03) and SBPI
    /// (p_s = 0.1) for the K = 3 tree at N = 201 and the K = 5 fully connected machine at N = 51; fBP on the uniform 3-cover
    /// against 3 independent copies (paired seeds, equal sweeps per step); teacher–student ε_g of plain BP against CP+R.
    /// Writes committee-mp.md. About 15 minutes on 2 cores.
    /// </summary>
    public const string CommitteeMp = """
        [
          { "model": "committee", "hidden": 3, "arch": "tree", "task": "storage", "n": 201, "alpha": "0.5:0.1:0.9", "copies": 1, "seeds": 8,
            "rule": "fbp", "damping": 0.5, "tol": 0.001, "iters": 50, "focus-step": 0.02 },
          { "model": "committee", "hidden": 3, "arch": "tree", "task": "storage", "n": 201, "alpha": "0.5:0.1:0.9", "copies": 1, "seeds": 8, "rule": "rbp" },
          { "model": "committee", "hidden": 3, "arch": "tree", "task": "storage", "n": 201, "alpha": "0.5:0.1:0.9", "copies": 1, "seeds": 8, "rule": "cpr", "pr-c": 0.03, "epochs": 5000 },
          { "model": "committee", "hidden": 3, "arch": "tree", "task": "storage", "n": 201, "alpha": "0.5:0.1:0.9", "copies": 1, "seeds": 8, "rule": "sbpi", "ps": 0.1, "epochs": 5000 },
          { "model": "committee", "hidden": 5, "arch": "full", "task": "storage", "n": 51, "alpha": "1:0.5:3", "copies": 1, "seeds": 8,
            "rule": "fbp", "damping": 0.5, "tol": 0.001, "iters": 50, "focus-step": 0.02 },
          { "model": "committee", "hidden": 5, "arch": "full", "task": "storage", "n": 51, "alpha": "1:0.5:3", "copies": 1, "seeds": 8, "rule": "cpr", "pr-c": 0.03, "epochs": 5000 },
          { "model": "committee", "hidden": 5, "arch": "full", "task": "storage", "n": 51, "alpha": "1:0.5:3", "copies": 1, "seeds": 8, "rule": "sbpi", "ps": 0.1, "epochs": 5000 },
          { "model": "committee", "hidden": 3, "arch": "tree", "task": "storage", "n": 201, "alpha": 0.8, "copies": 3, "seeds": 6,
            "rule": "fbp", "damping": 0.5, "tol": 0.001, "iters": 50, "focus-step": 0.02, "kernel": ["identity", "uniform"] },
          { "model": "committee", "hidden": 3, "arch": "tree", "task": "teacher", "n": 201, "alpha": "1:1:4", "copies": 1, "seeds": 8, "test-patterns": 2000,
            "rule": "bp", "damping": 0.5 },
          { "model": "committee", "hidden": 3, "arch": "tree", "task": "teacher", "n": 201, "alpha": "1:1:4", "copies": 1, "seeds": 8, "test-patterns": 2000,
            "rule": "cpr", "epochs": 2000 }
        ]
        """;

    /// <summary>
    /// committee-amp: committee AMP (K = 3, fully connected, teacher task) at N = 2001 against its state evolution, below, at and
    /// above the specialisation transition α_spec = 3.766 (docs/physics/theory.md); 3 seeds a load, 2000 test patterns, at most
    /// 40 iterations (tolerance 10⁻⁵: near α_spec the slow specialisation mode keeps the means moving by ~10⁻⁶ for hundreds of
    /// iterations while the overlaps have settled). Writes committee-amp.md (docs/results/committee-amp.md). About 10 minutes on
    /// a loaded 2-core machine.
    /// </summary>
    public const string CommitteeAmp = """
        [
          { "model": "committee", "hidden": 3, "arch": "full", "task": "teacher", "n": 2001, "alpha": [1, 2.5, 3.766, 5], "copies": 1, "seeds": 3,
            "test-patterns": 2000, "rule": "amp", "iters": 40, "tol": 1e-5 }
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
