using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using MCoverPhysics.Dynamics.States;
using MCoverPhysics.Models.Data;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Benchmarks;

/// <summary>
/// The two kernels of every presentation, at the widths the hardware offers: the stability Δ (popcount dot) and one
/// clipped-perceptron step on bit-sliced hidden states. Run: dotnet run -c Release --project benchmarks -- --filter '*'.
/// </summary>
[MemoryDiagnoser]
public class KernelBenchmarks
{
    private Dataset _data = null!;
    private HiddenStates _states = null!;
    private int _mu;

    [Params(1001, 4001, 100001)]
    public int N { get; set; }

    [Params(LaneWidth.Scalar, LaneWidth.Vector256, LaneWidth.Vector512)]
    public LaneWidth Lanes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = Dataset.Create(LearningTask.Storage, N, 64, 0, 1);
        _states = new HiddenStates(1, N, HiddenStates.DefaultBound(N), Lanes);
        _states.InitRandom(0, 3);
    }

    /// <summary>Δ = σ(N − 2·popcount(w ⊕ ξ)): the vector nibble-LUT path (Lanes only affects the update).</summary>
    [Benchmark]
    public int Dot() => PackedSpins.Dot(_states.Weights(0), _data.Patterns.Row(_mu++ & 63), N);

    /// <summary>The scalar POPCNT oracle.</summary>
    [Benchmark]
    public int DotScalar() => PackedSpins.DotScalar(_states.Weights(0), _data.Patterns.Row(_mu++ & 63), N);

    /// <summary>One CP step h += 2σξ (clipped) on all N synapses.</summary>
    [Benchmark]
    public void CpUpdate() => _states.Apply(0, _data.Patterns.Row(_mu++ & 63), new PerceptronMask((_mu & 1) == 0 ? 1 : -1));
}

/// <summary>BenchmarkDotNet entry point.</summary>
public static class Program
{
    /// <summary>Runs the benchmarks selected on the command line.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
