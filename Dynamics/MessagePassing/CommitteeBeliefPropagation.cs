using MCoverPhysics.Dynamics.Learning;
using MCoverPhysics.Dynamics.Training;
using MCoverPhysics.Lifts;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.MessagePassing;

/// <summary>
/// Belief propagation for binary committee machines (tree or fully connected; the perceptron is K = 1), plain, reinforced
/// (as the perceptron's rBP) or focusing (fBP: Baldassi, Ingrosso, Lucibello, Saglietti, Zecchina, PNAS 113, E7655, 2016),
/// on the M-cover of the factor graph. Q = identity runs M independent instances. docs/physics/message-passing.md#committee-bp.
/// </summary>
/// <remarks>
/// Factor copy (μ, b) sends one message per edge (k, i) (<see cref="CommitteeFactor"/>); copy a's weight (k, i) starts from
/// the external field ±<see cref="InitialField"/> with signs from (seed, InitialState, aK + k), cleared after the first sweep
/// by plain BP and replaced by the reinforcement or focusing field under rBP and fBP — except on the fully connected machine
/// with K &gt; 1 (<see cref="BreaksSymmetry"/>), where fBP keeps it under its focusing field for the whole run and rBP
/// keeps (1 − ρ_t) times it. Patterns are visited in a random order per sweep (seed,
/// PatternOrder). Stopping: plain BP at convergence (every message moved by less than the tolerance, undamped); rBP also
/// as soon as every copy's signs solve every pattern (ρ_t = min(1, ρ₀ + (t − 1)Δρ) after sweep t); fBP runs each protocol
/// step (γ_s, y_s) to convergence or <see cref="MessagePassingOptions.MaxIterations"/> sweeps, and stops when every copy
/// solves every pattern or the protocol ends.
/// </remarks>
public static class CommitteeBeliefPropagation
{
    /// <summary>Amplitude of the random initial external fields.</summary>
    public const double InitialField = 0.1;

    /// <summary>Largest |u| of a factor message.</summary>
    public const double MaxMessage = 20;

    /// <summary>Largest |f| of a focusing field.</summary>
    public const double MaxField = 1e3;

    /// <summary>
    /// Whether rBP/fBP keep the random initial field on as a permanent symmetry-breaking field: only on the fully connected
    /// machine with K &gt; 1, whose hidden units see the same inputs. There the posterior is invariant under permuting the
    /// units, so its exact marginals are equal across units; at low load plain BP converges to that permutation-symmetric
    /// fixed point within a few sweeps (K = 5, N = 51, α = 1: all units' signs equal after 7 sweeps), the focusing field
    /// f(h) of identical cavity fields keeps it symmetric, and the machine's signs are those of one perceptron repeated K
    /// times, which cannot store α = P/N above the perceptron's capacity 0.83. The kept field (±0.1 per weight, independent
    /// across units) lets focusing pick one of the K! permuted dense regions. Tree units see disjoint inputs (no such
    /// symmetry), so tree and perceptron runs are unchanged. docs/physics/message-passing.md#focusing-bp.
    /// </summary>
    public static bool BreaksSymmetry(CommitteeShape shape, bool searching) => searching && shape.Arch == Architecture.Full && shape.Hidden > 1;

    /// <summary>Runs committee BP on the lift of the data's factor graph (one thread).</summary>
    public static MessagePassingResult Run(CommitteeShape shape, PatternMatrix inputs, sbyte[] labels, ILift lift, ulong seed, MessagePassingOptions options)
        => MessagePassingResult.From(Learn(shape, inputs, labels, lift, seed, options, null));

    /// <summary>Runs committee BP; <paramref name="observer"/> sees the unit slabs (M·K vectors, unit k of copy a at aK + k) after every sweep.</summary>
    /// <remarks><paramref name="threads"/>: threads the copies of the identity lift, and the factor copies of a routed lift
    /// (from <see cref="CommitteeBp.MinTeamEdges"/> cover edges per pattern on), are spread over (results do not depend on it).</remarks>
    internal static LearningResult Learn(CommitteeShape shape, PatternMatrix inputs, sbyte[] labels, ILift lift, ulong seed, MessagePassingOptions options, IStepObserver? observer,
        int threads = 1)
    {
        int m = lift.Copies, kk = shape.Hidden, w = shape.UnitWords;
        bool searching = options.Focusing is not null || options.Reinforcement > 0 || options.ReinforcementStep > 0;
        using var bp = new CommitteeBp(shape, inputs, labels, lift, seed, options.Damping, options.Accuracy, threads, BreaksSymmetry(shape, searching),
            CommitteeBp.MinTeamEdges);
        var units = new ulong[m * kk][];
        for (int j = 0; j < units.Length; j++) units[j] = new ulong[w];
        var weights = new ulong[m][];
        for (int a = 0; a < m; a++) weights[a] = new ulong[kk * w];
        var errors = new int[m];
        var progress = new EpochProgress(m);
        var view = new PackedWeights(units, shape.UnitInputs);
        int t = 0;
        bool solved = false;

        void Measure()
        {
            bp.Signs(units, weights);
            bp.Errors(weights, errors);
            solved = true;
            foreach (int e in errors) solved &= e == 0;
            progress.Record(t, errors);
            observer?.OnStep(t, errors, view);
        }
        bool Converged()
        {
            foreach (double c in bp.Change) if (c >= options.Tolerance) return false;
            return true;
        }

        if (options.Focusing is { } focusing)
        {
            for (int s = 0; s < focusing.Count && !solved; s++)
            {
                var (gamma, y) = focusing.At(s);
                for (int sweep = 0; sweep < options.MaxIterations; sweep++)
                {
                    bp.Sweep(t);
                    bp.Focus(gamma, y);
                    t++;
                    Measure();
                    if (solved || Converged()) break;
                }
            }
        }
        else
        {
            bool reinforced = options.Reinforcement > 0 || options.ReinforcementStep > 0;
            while (t < options.MaxIterations)
            {
                bp.Sweep(t);
                t++;
                bp.Reinforce(Math.Min(1, options.Reinforcement + (t - 1) * options.ReinforcementStep)); // ρ = 0: plain BP
                Measure();
                if (Converged() || (reinforced && solved)) break;
            }
        }
        if (t == 0) { bp.Signs(units, weights); bp.Errors(weights, errors); }
        var means = Enumerable.Range(0, m).Select(a => bp.Field(a).ToArray().Select(Math.Tanh).ToArray()).ToArray();
        var done = bp.Change.Select((c, a) => c < options.Tolerance || (searching && errors[a] == 0)).ToArray();
        return new LearningResult(weights, kk, StepUnit.Iteration, t, errors, progress.FirstSolved, bp.RoutedErrors(weights))
        {
            MessagePassing = new MessagePassingExtras(means, done),
        };
    }
}
