using System.Runtime.CompilerServices;

namespace MCoverPhysics.Models.Random;

/// <summary>
/// SplitMix64 (Steele, Lea, Flood, OOPSLA 2014): a 64-bit counter passed through a strong finaliser.
/// A stream is keyed by (seed, tag, index), so a run's numbers depend only on its config and seed,
/// never on threads or task order. <see cref="Hash"/> is the same finaliser used counter-style.
/// </summary>
public struct RngStream
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private ulong _state;

    /// <summary>A stream starting at raw state <paramref name="state"/>.</summary>
    public RngStream(ulong state) => _state = state;

    /// <summary>The stream for (<paramref name="seed"/>, <paramref name="tag"/>, <paramref name="index"/>).</summary>
    public static RngStream For(ulong seed, StreamTag tag, ulong index = 0) => new(Key(seed, tag, index));

    /// <summary>A 64-bit key mixing seed, tag and index; distinct inputs give unrelated keys.</summary>
    public static ulong Key(ulong seed, StreamTag tag, ulong index = 0)
        => Mix(Mix(Mix(seed ^ 0x5DEECE66DUL) ^ ((ulong)tag * Golden)) ^ (index * 0xD1B54A32D192ED03UL));

    /// <summary>Counter-based draw: the <paramref name="counter"/>-th word of the stream with key <paramref name="key"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Hash(ulong key, ulong counter) => Mix(key + (counter + 1) * Golden);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Next 64 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextULong() => Mix(_state += Golden);

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>True with probability <paramref name="p"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Bernoulli(double p) => NextDouble() < p;

    /// <summary>Uniform integer in [0, <paramref name="n"/>) (Lemire's multiply-shift with rejection: unbiased).</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n));
        ulong bound = (ulong)n;
        while (true)
        {
            ulong x = NextULong() >> 32;
            ulong m = x * bound;
            uint low = (uint)m;
            if (low >= bound || low >= (uint)((0x1_0000_0000UL - bound) % bound)) return (int)(m >> 32);
        }
    }

    /// <summary>In-place Fisher–Yates shuffle.</summary>
    public void Shuffle(Span<int> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
