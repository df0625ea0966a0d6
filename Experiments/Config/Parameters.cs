using System.Globalization;

namespace MCoverPhysics.Experiments.Config;

/// <summary>The table of physics parameters, in the order of grid expansion and CSV columns.</summary>
public static class Parameters
{
    /// <summary>Model family.</summary>
    public static readonly Parameter Model = new("model", ParameterKind.Choice, "perceptron", "model: binary perceptron, binary committee machine (K hidden sign units, majority output), or binary multilayer perceptron (mlp: --widths hidden sign layers, sign or argmax output)", ["perceptron", "committee", "mlp"]);
    /// <summary>Hidden widths of the MLP.</summary>
    public static readonly Parameter Widths = new("widths", ParameterKind.List, "501,501", "mlp: hidden layer widths W1,W2,… (each ≥ 1, at least one layer); the input width is the data's (fashion-mnist: 784) or --n, the output one sign unit (two classes) or C argmax units; a sweep separates its grid values by ';' (--widths '501,501;101'), a config file lists them (as an array of such strings)");
    /// <summary>Hidden units K of the committee.</summary>
    public static readonly Parameter Hidden = new("hidden", ParameterKind.Integer, "auto", "hidden units K of the committee (odd, 1 … 101); auto: 3 for the committee, 1 (the only value) for the perceptron");
    /// <summary>Committee wiring.</summary>
    public static readonly Parameter Arch = new("arch", ParameterKind.Choice, "tree", "committee wiring: tree (unit k sees its own N/K inputs; N/K odd) or full (every unit sees all N inputs)", ["tree", "full"]);
    /// <summary>Learning task.</summary>
    public static readonly Parameter Task = new("task", ParameterKind.Choice, "teacher", "teacher: labels sign(w*·ξ) of a random binary teacher (mlp: a random binary MLP of --teacher-widths); storage: random labels; fashion-mnist: the Fashion-MNIST images of the Debian package dataset-fashion-mnist, ±1 signs of the centred pixels (mlp only)", ["teacher", "storage", "fashion-mnist"]);
    /// <summary>Hidden widths of the MLP teacher.</summary>
    public static readonly Parameter TeacherWidths = new("teacher-widths", ParameterKind.List, "5", "mlp, task teacher: hidden widths of the random binary teacher MLP (one sign output); α = P / (weights of the student); sweeps separate grid values by ';'");
    /// <summary>Classes of a real data set.</summary>
    public static readonly Parameter Classes = new("classes", ParameterKind.List, "all", "fashion-mnist: all (10 classes, argmax output), A,B (two classes 0 … 9, A → −1, B → +1) or even-odd (label parity)");
    /// <summary>Local learning rule.</summary>
    public static readonly Parameter Rule = new("rule", ParameterKind.Choice, "cpr",
        string.Join("; ", Rules.RuleRegistry.All.Select(e => $"{e.Name}: {e.Help}")), Rules.RuleRegistry.Names);
    /// <summary>Number of synapses N.</summary>
    public static readonly Parameter N = new("n", ParameterKind.Integer, I(Specs.ModelSpec.DefaultN), "number of binary synapses N (odd, ≥ 1)");
    /// <summary>Load α = P/N.</summary>
    public static readonly Parameter Alpha = new("alpha", ParameterKind.Real, D(Specs.GeneratedData.DefaultAlpha), "load α = P/N (> 0); P = round(αN)");
    /// <summary>Copies M.</summary>
    public static readonly Parameter Copies = new("copies", ParameterKind.Integer, "8", "number of student copies M (≥ 1)");
    /// <summary>Mixing kernel of the lift.</summary>
    public static readonly Parameter Kernel = new("kernel", ParameterKind.Choice, "identity",
        "mixing kernel Q of the M-cover lift: identity (M independent students), uniform (classic M-layer), ring:sigma=S, band:m=M,h=H, block:b=B,sigma=S or block:size=L,sigma=S, directional:sigma=S,shift=D,skew=K (skew on the width, shift wrapped on the ring), directional-amp:sigma=S,shift=D,skew=K (the earlier amplitude skew), file:PATH (CSV: M rows of M non-negative numbers)");
    /// <summary>Permutation schedule.</summary>
    public static readonly Parameter Schedule = new("schedule", ParameterKind.Choice, "quenched", "quenched: permutations drawn once (a graph cover); annealed: redrawn every epoch", ["quenched", "annealed"]);
    /// <summary>Routing granularity.</summary>
    public static readonly Parameter Granularity = new("granularity", ParameterKind.Choice, "edge", "edge: one permutation per (i, μ) (committee: per (k, i, μ); mlp: per weight and minibatch); word: one per block of 64 weights and pattern (perceptron, committee); unit (committee, mlp): one per hidden unit and pattern (mlp: per neuron and minibatch), routing whole incoming rows; layer (mlp): one per layer and minibatch", ["edge", "word", "unit", "layer"]);
    /// <summary>Permutation sampler.</summary>
    public static readonly Parameter Sampler = new("sampler", ParameterKind.Choice, "auto", "permutation law sampler: exact (M ≤ 14), gumbel, sequential, alias (exact, one random word per draw, M ≤ 8); auto: alias up to M = 8, exact up to M = 14, else gumbel", ["auto", "exact", "gumbel", "sequential", "alias"]);
    /// <summary>Where permutations live.</summary>
    public static readonly Parameter Routing = new("routing", ParameterKind.Choice, "auto", "stored: one table for the run; hashed: each pattern's permutations drawn on the fly from the counter-keyed stream (same results, O(MN) memory); auto: stored up to 4 GiB", ["auto", "stored", "hashed"]);
    /// <summary>Cycle weight θ of the long-cycle permutation law.</summary>
    public static readonly Parameter CycleWeight = new("cycle-weight", ParameterKind.Real, "1", "long-cycle law P(π) ∝ ∏_a Q[a,π(a)]·θ^{#cycles(π)}: θ ∈ (0, 1], θ < 1 favours long cycles (longer loops in the lift); exact by an alias table for M ≤ 8, a Metropolis chain beyond; 1: the kernel's plain law");
    /// <summary>Wiring of the deliveries.</summary>
    public static readonly Parameter Wiring = new("wiring", ParameterKind.Choice, "symmetric", "symmetric: a factor copy's update returns through the permutation it read through (the M-cover lift); asymmetric: through an independent permutation of the same law (perceptron, online rules)", ["symmetric", "asymmetric"]);
    /// <summary>Kernel an annealed schedule moves to.</summary>
    public static readonly Parameter KernelTo = new("kernel-to", ParameterKind.Choice, "none", "time-dependent kernel Q_t = (1 − s_t)·Q + s_t·Q_to over the epochs (annealed schedule; a kernel spec of the same M as --kernel, e.g. identity: start coupled, end independent); none: Q throughout");
    /// <summary>Ramp of the time-dependent kernel.</summary>
    public static readonly Parameter KernelRamp = new("kernel-ramp", ParameterKind.Choice, "linear", "--kernel-to: s_t = t/(T − 1) (linear) or 10^{−3(1 − t/(T − 1))} with s_0 = 0 (geometric) over the epoch budget T", ["linear", "geometric"]);
    /// <summary>Stopping rule.</summary>
    public static readonly Parameter Stop = new("stop", ParameterKind.Choice, "any", "stop when: lifted (all routed constraints), copies (every copy on the base patterns), any (either), budget (never early)", ["any", "lifted", "copies", "budget"]);
    /// <summary>Epoch budget.</summary>
    public static readonly Parameter Epochs = new("epochs", ParameterKind.Integer, I(Rules.OnlineRuleSpec.DefaultEpochs), $"epoch budget (≥ 0); stops early when every copy has zero training error (ste, bop: default {Rules.MlpRuleSpec.DefaultEpochs})");
    /// <summary>Clip bound H.</summary>
    public static readonly Parameter Bound = new("bound", ParameterKind.Integer, "auto", "clip bound H of the hidden states (odd, ≥ 1; cp, cpr, sbpi); auto: the odd number nearest 2√n, n inputs per unit. --k is its deprecated alias (K is the number of hidden units)", Alias: "k");
    /// <summary>Margin κ.</summary>
    public static readonly Parameter Kappa = new("kappa", ParameterKind.Real, "0", "margin κ ≥ 0: CP updates when Δ ≤ κ√N");
    /// <summary>SBPI threshold θ_m.</summary>
    public static readonly Parameter ThetaM = new("theta-m", ParameterKind.Real, D(Rules.SbpiRule.DefaultThetaM), "SBPI metaplastic threshold θ_m ≥ 0 (units of the integer stability Δ)");
    /// <summary>SBPI probability p_s.</summary>
    public static readonly Parameter Ps = new("ps", ParameterKind.Real, D(Rules.SbpiRule.DefaultPs), "SBPI metaplastic probability p_s ∈ [0, 1]");
    /// <summary>CP+R strength c.</summary>
    public static readonly Parameter PrC = new("pr-c", ParameterKind.Real, "auto", $"CP+R reinforcement c ≥ 0, p_r = c·√(2/(πN)); auto: {D(Rules.CprRule.DefaultTeacherC)} teacher, {D(Rules.CprRule.DefaultStorageC)} storage");
    /// <summary>Coupling between copies (the methods the lift is measured against).</summary>
    public static readonly Parameter Coupling = new("coupling", ParameterKind.Choice, "none", "coupling of the M copies (identity kernel, online rules; replicated also mc, sa; mlp: replicated only): none (independent); replicated: pulled toward the center sign(Σ_a w^a) with probability γ_t per presentation (mc/sa: the field γ_t w·c in the Gibbs weight; mlp: per weight and minibatch); consensus: a CP step toward the ring neighbours' majority output with probability λ", ["none", "replicated", "consensus"]);
    /// <summary>Replicated coupling γ.</summary>
    public static readonly Parameter Gamma = new("gamma", ParameterKind.Real, D(Specs.CouplingRegistry.DefaultGamma), "replicated: pull probability γ ∈ [0, 1] per presentation in epoch 1; γ_t = min(1, γ + (t − 1)·gamma-step)");
    /// <summary>Replicated coupling schedule.</summary>
    public static readonly Parameter GammaStep = new("gamma-step", ParameterKind.Real, D(Specs.CouplingRegistry.DefaultGammaStep), "replicated: increase Δγ ≥ 0 of γ per epoch");
    /// <summary>Output-consensus weight λ.</summary>
    public static readonly Parameter Lambda = new("lambda", ParameterKind.Real, D(Specs.CouplingRegistry.DefaultLambda), "consensus: probability λ ∈ [0, 1] of the step toward the neighbours' majority output when the copy disagrees");
    /// <summary>Message-passing damping.</summary>
    public static readonly Parameter Damping = new("damping", ParameterKind.Real, "0", "amp/bp/rbp/fbp damping d ∈ [0, 1): new = (1 − d)·computed + d·old");
    /// <summary>Message-passing iteration budget.</summary>
    public static readonly Parameter Iters = new("iters", ParameterKind.Integer, I(Rules.MessagePassingRuleSpec.DefaultIters), "amp/bp/rbp iteration (sweep) budget (≥ 1); fbp: sweeps per protocol step");
    /// <summary>Message-passing tolerance.</summary>
    public static readonly Parameter Tol = new("tol", ParameterKind.Real, D(Rules.MessagePassingRuleSpec.DefaultTol), "amp/bp/rbp/fbp convergence: largest change of a mean/message per iteration below tol (> 0)");
    /// <summary>Reinforcement ρ₀ of rBP.</summary>
    public static readonly Parameter Reinforcement = new("reinforcement", ParameterKind.Real, "auto", $"rbp reinforcement ρ₀ ∈ [0, 1] at the first sweep (0 with step 0: plain BP); auto: {D(Rules.RbpRule.DefaultReinforcement)}");
    /// <summary>Reinforcement increase per sweep.</summary>
    public static readonly Parameter ReinforcementStep = new("reinforcement-step", ParameterKind.Real, "auto", $"rbp schedule ρ_t = min(1, ρ₀ + t·step), step ≥ 0; auto: {D(Rules.RbpRule.DefaultReinforcementStep)}");
    /// <summary>Focusing protocol of fBP.</summary>
    public static readonly Parameter Protocol = new("protocol", ParameterKind.Choice, "standard", "fbp focusing protocol (Baldassi et al. 2016): standard (γ = ∞, y = 1/(1 − ρ)), pseudo (γ = atanh √ρ, y = (2 − ρ)/(1 − ρ)), both with ρ = 0, step, 2·step, … < 1; scoping (y = replicas-y fixed, γ = 0, step, … ≤ focus-gamma-max)", ["standard", "pseudo", "scoping"]);
    /// <summary>Replicas y of fBP's scoping protocol.</summary>
    public static readonly Parameter ReplicasY = new("replicas-y", ParameterKind.Real, "auto", $"fbp scoping: number of interacting replicas y ≥ 1 (finite); auto: {D(Rules.FbpRule.DefaultReplicasY)}; standard and pseudo derive y from ρ");
    /// <summary>Step of fBP's schedule.</summary>
    public static readonly Parameter FocusStep = new("focus-step", ParameterKind.Real, "auto", $"fbp schedule step: Δρ ∈ (0, 1) for standard and pseudo, Δγ > 0 for scoping; auto: {D(Rules.FbpRule.DefaultRhoStep)} (standard, pseudo), {D(Rules.FbpRule.DefaultGammaStep)} (scoping)");
    /// <summary>Last γ of fBP's scoping.</summary>
    public static readonly Parameter FocusGammaMax = new("focus-gamma-max", ParameterKind.Real, "auto", $"fbp scoping: last coupling γ (> 0, finite); auto: {D(Rules.FbpRule.DefaultGammaMax)}");
    /// <summary>Edge message of committee BP (bp, rbp, fbp).</summary>
    public static readonly Parameter BpAccuracy = new("bp-accuracy", ParameterKind.Choice, "exact", "bp/rbp/fbp edge message: exact (½ ln of the Gaussian-tail ratio on every edge, double) or expand (large-N expansion u = ξg − m·g′ around the unit's field: transcendentals once per unit, float32 lanes; relative difference O(1/n)); perceptron rbp with expand runs on the committee engine as K = 1", ["exact", "expand"]);
    /// <summary>Inverse temperature of rule mc.</summary>
    public static readonly Parameter Beta = new("beta", ParameterKind.Real, D(Rules.MetropolisRule.DefaultBeta), "mc: inverse temperature β ≥ 0 (finite) of the Gibbs law ∝ e^{−βE}, E = number of violated (factor-copy) constraints");
    /// <summary>First β of rule sa.</summary>
    public static readonly Parameter Beta0 = new("beta0", ParameterKind.Real, D(Rules.AnnealingRule.DefaultBeta0), "sa: inverse temperature at the first sweep, pt: the hottest replica; 0 ≤ beta0 ≤ beta1 (> 0 for a geometric schedule and pt)");
    /// <summary>Last β of rule sa.</summary>
    public static readonly Parameter Beta1 = new("beta1", ParameterKind.Real, D(Rules.AnnealingRule.DefaultBeta1), "sa: inverse temperature at the last sweep, pt: the coldest replica (finite, ≥ beta0)");
    /// <summary>β schedule of rule sa.</summary>
    public static readonly Parameter ScheduleBeta = new("schedule-beta", ParameterKind.Choice, "linear", "sa: β_t linear or geometric from beta0 to beta1 over the sweep budget", ["linear", "geometric"]);
    /// <summary>Sweep budget of mc/sa.</summary>
    public static readonly Parameter Sweeps = new("sweeps", ParameterKind.Integer, I(Rules.MonteCarloRuleSpec.DefaultSweeps), "mc/sa/pt sweep budget (≥ 0); one sweep = one single-flip proposal per weight and copy (N; K·n for a committee); sa and pt stop early by --stop");
    /// <summary>Learning rate of ste.</summary>
    public static readonly Parameter Lr = new("lr", ParameterKind.Real, D(Rules.SteRule.DefaultLr), "ste: learning rate η > 0 of the latent weights, h ← clip(h − η·∂L/∂w, −1, 1)");
    /// <summary>Minibatch size of the MLP rules.</summary>
    public static readonly Parameter Batch = new("batch", ParameterKind.Integer, I(Rules.MlpRuleSpec.DefaultBatch), "ste/bop: minibatch size B ≥ 1 (gradient = mean over the minibatch)");
    /// <summary>Per-epoch step decay of the MLP rules.</summary>
    public static readonly Parameter Decay = new("decay", ParameterKind.Real, "1", "ste/bop: per-epoch factor d ∈ (0, 1] of the step size, η_t = η·d^(t−1) (ste) and γ_t = γ·d^(t−1) (bop) in epoch t; 1: constant");
    /// <summary>BOP adaptivity γ.</summary>
    public static readonly Parameter BopGamma = new("bop-gamma", ParameterKind.Real, D(Rules.BopRule.DefaultGamma), "bop: adaptivity γ ∈ (0, 1] of the moving average m ← (1 − γ)m + γ·∂L/∂w");
    /// <summary>BOP threshold τ.</summary>
    public static readonly Parameter BopTau = new("bop-tau", ParameterKind.Real, D(Rules.BopRule.DefaultTau), "bop: threshold τ ≥ 0; w flips when |m| > τ and sign(m) = sign(w)");
    /// <summary>Test-set size.</summary>
    public static readonly Parameter TestPatterns = new("test-patterns", ParameterKind.Integer, I(Specs.TeacherStudentData.DefaultTestPatterns), "fresh test patterns for the test error (≥ 0; teacher task)");
    /// <summary>Seed.</summary>
    public static readonly Parameter Seed = new("seed", ParameterKind.Integer, "1", "run seed (integer ≥ 0): data, initial states, orders and rule noise derive from it");

    /// <summary>All parameters; a config file may hold exactly these keys (plus "seeds").</summary>
    public static readonly IReadOnlyList<Parameter> All = [Model, Hidden, Arch, Widths, Task, TeacherWidths, Classes, Rule, N, Alpha, Copies, Kernel, Schedule, Granularity, Sampler, Routing, CycleWeight, Wiring, KernelTo, KernelRamp, Stop, Epochs, Bound, Kappa, ThetaM, Ps, PrC, Coupling, Gamma, GammaStep, Lambda, Damping, Iters, Tol, Reinforcement, ReinforcementStep, Protocol, ReplicasY, FocusStep, FocusGammaMax, BpAccuracy, Beta, Beta0, Beta1, ScheduleBeta, Sweeps, Lr, Batch, Decay, BopGamma, BopTau, TestPatterns, Seed];

    /// <summary>The stop rules in the order of the stop parameter's choices.</summary>
    public static readonly Dynamics.Training.StopRule[] StopRules =
        [Dynamics.Training.StopRule.Any, Dynamics.Training.StopRule.Lifted, Dynamics.Training.StopRule.Copies, Dynamics.Training.StopRule.Budget];

    /// <summary>The samplers in the order of the sampler parameter's choices.</summary>
    public static readonly Lifts.Permutations.SamplerKind[] Samplers =
        [Lifts.Permutations.SamplerKind.Auto, Lifts.Permutations.SamplerKind.Exact, Lifts.Permutations.SamplerKind.Gumbel, Lifts.Permutations.SamplerKind.Sequential, Lifts.Permutations.SamplerKind.Alias];

    /// <summary>The routing storages in the order of the routing parameter's choices.</summary>
    public static readonly Lifts.Routing.RoutingStorage[] RoutingStorages =
        [Lifts.Routing.RoutingStorage.Auto, Lifts.Routing.RoutingStorage.Stored, Lifts.Routing.RoutingStorage.Hashed];

    /// <summary>The focusing protocols in the order of the protocol parameter's choices.</summary>
    public static readonly Dynamics.MessagePassing.FocusingProtocol[] Protocols =
        [Dynamics.MessagePassing.FocusingProtocol.Standard, Dynamics.MessagePassing.FocusingProtocol.Pseudo, Dynamics.MessagePassing.FocusingProtocol.Scoping];

    /// <summary>The BP edge-message accuracies in the order of the bp-accuracy parameter's choices.</summary>
    public static readonly Dynamics.MessagePassing.BpAccuracy[] BpAccuracies = [Dynamics.MessagePassing.BpAccuracy.Exact, Dynamics.MessagePassing.BpAccuracy.Expand];

    /// <summary>The granularities in the order of the granularity parameter's choices.</summary>
    public static readonly Lifts.Routing.Granularity[] Granularities =
        [Lifts.Routing.Granularity.Edge, Lifts.Routing.Granularity.Word, Lifts.Routing.Granularity.Unit, Lifts.Routing.Granularity.Layer];

    /// <summary>The choice word of <paramref name="value"/>: the word at the same position in the parameter's choices as the value in <paramref name="values"/>.</summary>
    public static string Word<T>(Parameter p, T value, params T[] values) => p.Choices![Array.IndexOf(values, value)];

    private static string D(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static string I(int x) => x.ToString(CultureInfo.InvariantCulture);

    /// <summary>The parameter named <paramref name="name"/> (its flag name, CSV column or deprecated alias), or null.</summary>
    public static Parameter? Find(string name) => All.FirstOrDefault(p => p.Name == name) ?? All.FirstOrDefault(p => p.Column == name) ?? All.FirstOrDefault(p => p.Alias == name);
}
