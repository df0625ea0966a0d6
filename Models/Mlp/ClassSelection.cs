namespace MCoverPhysics.Models.Mlp;

/// <summary>Which classes of a C-class data set a task uses: all of them, two chosen ones (A → class 0, B → class 1), or the
/// parity of the label (even → 0, odd → 1).</summary>
/// <param name="A">First class of a pair (−1 otherwise).</param>
/// <param name="B">Second class of a pair (−1 otherwise).</param>
/// <param name="EvenOdd">True for the parity task.</param>
public sealed record ClassSelection(int A = -1, int B = -1, bool EvenOdd = false)
{
    /// <summary>All classes.</summary>
    public static readonly ClassSelection All = new();

    /// <summary>Even against odd labels.</summary>
    public static readonly ClassSelection Parity = new(EvenOdd: true);

    /// <summary>True for all classes.</summary>
    public bool IsAll => A < 0 && !EvenOdd;

    /// <summary>Classes of the task for a source with <paramref name="sourceClasses"/> classes.</summary>
    public int ClassesOf(int sourceClasses) => IsAll ? sourceClasses : 2;

    /// <summary>The task's label of a source label, or −1 when the sample is not used.</summary>
    public int Map(int label) => EvenOdd ? label & 1 : IsAll ? label : label == A ? 0 : label == B ? 1 : -1;

    /// <summary>"all", "A,B" or "even-odd".</summary>
    public override string ToString() => EvenOdd ? "even-odd" : IsAll ? "all" : $"{A},{B}";
}
