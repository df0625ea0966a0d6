using MCoverPhysics.Dynamics.Learning;
using MCoverPhysics.Dynamics.Training;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Random;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.MessagePassing;

/// <summary>
/// Approximate message passing for the fully connected binary committee machine (Aubin, Maillard, Barbier, Krzakala,
/// Macris &amp; Zdeborová, NeurIPS 2018): prior uniform on each row w_i ∈ {±1}^K of the N×K weight matrix, channel
/// y = sign(Σ_k sign z_k), z_μ = Wᵀξ_μ/√N. Bayes-optimal in the teacher–student task; its fixed points are those of the
/// committee state evolution (Analysis/Theory/Committee). Equations: docs/physics/message-passing.md#committee-amp.
/// </summary>
/// <remarks>
/// With F_μi = ξ_μi/√N, F² = 1/N, so the K×K variances are the same for every pattern:
/// <code>
/// V    = (1/N) Σ_i Cov_i                                   output covariance (K×K)
/// ω_μ  = Σ_i F_μi a_i − V g_μ                              Onsager-corrected fields (K)
/// g_μ  = ∇_ω ln P(y_μ | ω_μ, V),  ∂g_μ = ∇∇P/P − g gᵀ      the majority channel (<see cref="MajorityChannel"/>)
/// A    = −(1/N) Σ_μ ∂g_μ,   B_i = A a_i + Σ_μ F_μi g_μ
/// a_i, Cov_i = mean and covariance of ∝ exp(−½ wᵀAw + B_iᵀw) over w ∈ {±1}^K (exact sum over 2^K rows)
/// </code>
/// Damping as the perceptron's AMP (<see cref="Amp"/>): g with A, and the means; convergence on the undamped change.
/// Copy c starts from a_ki = 10⁻³ s_ki with signs from (seed, InitialState, c).
/// </remarks>
public static class CommitteeAmp
{
    /// <summary>Gauss–Hermite nodes a dimension of the channel's average over the correlated part of the fields.</summary>
    public const int DefaultNodes = 12;

    /// <summary>Runs <paramref name="copies"/> independent instances side by side (iteration t of every running copy before t + 1
    /// of any); <paramref name="observer"/> sees the unit signs (M·K vectors, unit k of copy c at cK + k) after every iteration.</summary>
    /// <param name="shape">Fully connected committee shape.</param>
    /// <param name="inputs">Training patterns (row μ).</param>
    /// <param name="labels">Labels σ^μ.</param>
    /// <param name="testInputs">Fresh test patterns for the predictor's error (may be empty).</param>
    /// <param name="testLabels">Their teacher labels.</param>
    /// <param name="copies">Copies M.</param>
    /// <param name="seed">Run seed.</param>
    /// <param name="options">Damping, budget, tolerance.</param>
    /// <param name="observer">Step observer, or null.</param>
    public static LearningResult Learn(CommitteeShape shape, PatternMatrix inputs, sbyte[] labels, PatternMatrix testInputs, sbyte[] testLabels,
        int copies, ulong seed, MessagePassingOptions options, IStepObserver? observer = null)
    {
        if (shape.Arch != Architecture.Full) throw new ArgumentException("committee AMP needs the fully connected machine", nameof(shape));
        int kk = shape.Hidden, w = shape.UnitWords;
        var runs = new CommitteeAmpCopy[copies];
        var weights = new ulong[copies][];
        var units = new ulong[copies * kk][];
        var errors = new int[copies];
        for (int c = 0; c < copies; c++)
        {
            var init = RngStream.For(seed, StreamTag.InitialState, (ulong)c);
            runs[c] = new CommitteeAmpCopy(shape, inputs, labels, ref init, options, DefaultNodes);
            weights[c] = new ulong[kk * w];
            Measure(c);
        }
        void Measure(int c)
        {
            runs[c].Signs(weights[c]);
            errors[c] = shape.ErrorCount(weights[c], inputs, labels);
            for (int k = 0; k < kk; k++) units[c * kk + k] = weights[c].AsSpan(k * w, w).ToArray();
        }
        var progress = new EpochProgress(copies);
        var view = new PackedWeights(units, shape.UnitInputs);
        var scratch = new ulong[kk * w];
        for (int t = 1; t <= options.MaxIterations; t++)
        {
            bool moved = false;
            for (int c = 0; c < copies; c++)
            {
                if (!runs[c].Step(t, scratch)) continue;
                moved = true;
                Measure(c);
            }
            if (!moved) break;
            progress.Record(t, errors);
            observer?.OnStep(t, errors, view);
        }
        int iterations = runs.Length == 0 ? 0 : runs.Max(r => r.Iterations);
        return new LearningResult(weights, kk, StepUnit.Iteration, iterations, errors, progress.FirstSolved, errors.Sum())
        {
            MessagePassing = new MessagePassingExtras(runs.Select(r => r.Means()).ToArray(), runs.Select(r => r.Converged).ToArray())
            {
                PredictorTestErrors = runs.Select(r => r.PredictorTestError(testInputs, testLabels)).ToArray(),
            },
        };
    }
}
