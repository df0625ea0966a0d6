using MCoverPhysics.Dynamics.Learning;
using MCoverPhysics.Dynamics.Training;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Dynamics.MessagePassing;

/// <summary>
/// Generalised approximate message passing (GAMP) for the binary perceptron: prior uniform on w ∈ {±1}^N, channel
/// y_μ = sign(z_μ), z_μ = Σ_i F_μi w_i with F_μi = ξ_μi/√N. In the teacher–student task this is the Bayes-optimal
/// algorithm; its fixed points are those of the replica-symmetric state evolution (docs/physics/message-passing.md).
/// </summary>
/// <remarks>
/// Kabashima 2008; Rangan 2011; Krzakala, Zdeborová et al.; Barbier, Krzakala, Macris, Miolane, Zdeborová, PNAS 2019.
/// Since F_μi² = 1/N, the variances are scalars. One iteration:
/// <code>
/// V    = (1/N) Σ_i v_i                                   (output variance)
/// ω_μ  = Σ_i F_μi a_i − V g_μ                             (Onsager-corrected field)
/// g_μ  = y_μ φ(s)/(√V Φ(s)),  s = y_μ ω_μ/√V              (g_out = ∂_ω ln Φ(yω/√V))
/// A    = (1/N) Σ_μ (r_μ² + s_μ r_μ)/V,  r = φ(s)/Φ(s)     (−∂_ω g_out, averaged)
/// h_i  = A a_i + Σ_μ F_μi g_μ,   a_i = tanh h_i,  v_i = 1 − a_i²
/// </code>
/// Copy c starts from a_i = 10⁻³ s_i with random signs s from (seed, InitialState, c), a practically uninformed start;
/// damping d mixes new and old g and a. No allocation inside the iteration.
/// </remarks>
public static class Amp
{
    /// <summary>Initial amplitude of the means (an uninformed start that still tells copies apart).</summary>
    public const double InitialScale = 1e-3;

    /// <summary>Total variance Σ_i (1 − a_i²) below which the means count as fully polarised (the q = 1 fixed point).</summary>
    public const double PolarisedVariance = 0.05;

    /// <summary>Runs <paramref name="copies"/> independent AMP instances on <paramref name="data"/>.</summary>
    public static MessagePassingResult Run(Dataset data, int copies, ulong seed, MessagePassingOptions options)
        => MessagePassingResult.From(Learn(data, copies, seed, options, null));

    /// <summary>
    /// Runs <paramref name="copies"/> independent AMP instances side by side, iteration t of every copy still running before
    /// iteration t + 1 of any; <paramref name="observer"/> sees the signs of the means after every iteration. A copy that has
    /// stopped keeps its means; the run ends when every copy has stopped.
    /// </summary>
    internal static LearningResult Learn(Dataset data, int copies, ulong seed, MessagePassingOptions options, IStepObserver? observer)
    {
        var runs = new AmpCopy[copies];
        var weights = new ulong[copies][];
        var errors = new int[copies];
        for (int c = 0; c < copies; c++)
        {
            var init = RngStream.For(seed, StreamTag.InitialState, (ulong)c);
            runs[c] = new AmpCopy(data, ref init, options);
            weights[c] = PackedRows.Signs(runs[c].Means);
            errors[c] = data.TrainingErrors(weights[c]);
        }
        var progress = new EpochProgress(copies);
        var view = new PackedWeights(weights, data.N);
        for (int t = 1; t <= options.MaxIterations; t++)
        {
            bool moved = false;
            for (int c = 0; c < copies; c++)
            {
                if (!runs[c].Step(t)) continue;
                moved = true;
                PackedRows.Signs(runs[c].Means, weights[c]);
                errors[c] = data.TrainingErrors(weights[c]);
            }
            if (!moved) break;
            progress.Record(t, errors);
            observer?.OnStep(t, errors, view);
        }
        int iterations = runs.Length == 0 ? 0 : runs.Max(r => r.Iterations);
        var means = runs.Select(r => r.Means.ToArray()).ToArray();
        return new LearningResult(weights, 1, StepUnit.Iteration, iterations, errors, progress.FirstSolved, errors.Sum())
        {
            MessagePassing = new MessagePassingExtras(means, runs.Select(r => r.Converged).ToArray()),
        };
    }

    /// <summary>One AMP run; returns the means, whether it converged and the iterations used.</summary>
    public static (double[] Means, bool Converged, int Iterations) Solve(Dataset data, ref RngStream init, MessagePassingOptions options)
    {
        var run = new AmpCopy(data, ref init, options);
        for (int t = 1; !run.Done; t++) run.Step(t);
        return (run.Means.ToArray(), run.Converged, run.Iterations);
    }
}
