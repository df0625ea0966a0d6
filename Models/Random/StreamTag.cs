namespace MCoverPhysics.Models.Random;

/// <summary>Named random streams of a run: each purpose gets its own stream derived from (seed, tag, index).</summary>
public enum StreamTag : ulong
{
    /// <summary>The teacher vector w*.</summary>
    Teacher = 1,
    /// <summary>Training patterns ξ^μ (counter-based: row μ is independent of every other row).</summary>
    Patterns = 2,
    /// <summary>Random labels of the storage task.</summary>
    Labels = 3,
    /// <summary>Fresh test patterns.</summary>
    TestPatterns = 4,
    /// <summary>Initial hidden states of copy a.</summary>
    InitialState = 5,
    /// <summary>Stochastic decisions of the rule acting on copy a (SBPI p_s, CP+R p_r).</summary>
    Rule = 6,
    /// <summary>The pattern order of each epoch (shared by all copies).</summary>
    PatternOrder = 7,
    /// <summary>Permutations of a lift (used by the M-cover lifts).</summary>
    Routing = 8,
    /// <summary>Stochastic decisions of a coupling between copies acting on copy a (replicated pulls, output consensus);
    /// index M: the center's tie-breaking bits.</summary>
    Coupling = 9,
    /// <summary>Monte Carlo samples of the Gaussian hidden fields behind a committee's ε_g from its overlaps.</summary>
    OverlapIntegral = 10,
    /// <summary>The delivery permutations of an asymmetric lift (independent of the read permutations under <see cref="Routing"/>).</summary>
    Delivery = 11,
    /// <summary>The fresh permutations of the routed-ensemble predictor on the test patterns.</summary>
    TestRouting = 12,
}
