using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Lifts.Routing;

// Routing weight copies through the table: the routed models w̃^{(μ,b)} word by word.
public sealed partial class RoutingTable
{
    /// <summary>
    /// Routed model of factor copy (μ, b): w̃_i = w_i^{π_{iμ}(b)}, assembled word by word: a multiplexer tree over the copies
    /// driven by the L planes (level l picks between copy pairs that differ in bit l), M − 1 selects per word.
    /// </summary>
    /// <param name="mu">Pattern.</param>
    /// <param name="b">Factor copy.</param>
    /// <param name="storage">Packed weights of all copies: copy a starts at <paramref name="first"/> + a·<paramref name="stride"/>.</param>
    /// <param name="first">Offset of copy 0.</param>
    /// <param name="stride">Words between consecutive copies.</param>
    /// <param name="routed">Destination, ⌈N/64⌉ words.</param>
    public void Route(int mu, int b, ReadOnlySpan<ulong> storage, int first, int stride, Span<ulong> routed)
    {
        if (routed.Length < Words) throw new ArgumentException("buffers shorter than the table");
        RouteRows(mu, b, 1, storage, first, stride, routed, 0);
    }

    /// <summary>
    /// All M routed models of row μ at once: factor copy b's goes to <paramref name="routed"/>[b·<paramref name="routedStride"/> ..].
    /// Each register of the copies' weights is loaded once for all M factor copies.
    /// </summary>
    /// <param name="mu">Pattern (row).</param>
    /// <param name="storage">Packed weights of all copies: copy a starts at <paramref name="first"/> + a·<paramref name="stride"/>.</param>
    /// <param name="first">Offset of copy 0.</param>
    /// <param name="stride">Words between consecutive copies.</param>
    /// <param name="routed">Destination of M routed vectors.</param>
    /// <param name="routedStride">Words between consecutive routed vectors (≥ ⌈N/64⌉).</param>
    public void RouteAll(int mu, ReadOnlySpan<ulong> storage, int first, int stride, Span<ulong> routed, int routedStride)
    {
        if (routedStride < Words || routed.Length < (Copies - 1) * routedStride + Words) throw new ArgumentException("buffers shorter than the table");
        RouteRows(mu, 0, Copies, storage, first, stride, routed, routedStride);
    }

    private void RouteRows(int mu, int b0, int count, ReadOnlySpan<ulong> storage, int first, int stride, Span<ulong> routed, int routedStride)
    {
        if (storage.Length < first + (Copies - 1) * stride + Words) throw new ArgumentException("buffers shorter than the table");
        ref ulong source = ref Unsafe.Add(ref MemoryMarshal.GetReference(storage), first);
        ref ulong target = ref MemoryMarshal.GetReference(routed);
        if (_sources is not null)
        {
            // Word granularity: each routed word is one load from its source copy.
            for (int b = b0; b < b0 + count; b++)
            {
                var sources = WordSources(mu, b);
                ref ulong t = ref Unsafe.Add(ref target, (b - b0) * routedStride);
                for (int w = 0; w < Words; w++) Unsafe.Add(ref t, w) = Unsafe.Add(ref source, sources[w] * stride + w);
            }
            return;
        }
        int j = 0;
        if (Vector512.IsHardwareAccelerated) j = RouteBlocks<Lanes512, Vector512<ulong>>(mu, b0, count, ref source, stride, ref target, routedStride, j);
        if (Vector256.IsHardwareAccelerated) j = RouteBlocks<Lanes256, Vector256<ulong>>(mu, b0, count, ref source, stride, ref target, routedStride, j);
        RouteBlocks<Lanes64, ulong>(mu, b0, count, ref source, stride, ref target, routedStride, j);
    }

    /// <summary>The multiplexer trees of factor copies b0 .. b0 + count − 1 on whole registers from word <paramref name="j"/>; returns the first word left.</summary>
    private int RouteBlocks<TL, T>(int mu, int b0, int count, ref ulong source, int stride, ref ulong target, int targetStride, int j)
        where TL : ILanes<T> where T : unmanaged
    {
        int m = Copies, width = TL.Width, words = Words, bits = Bits;
        Span<T> copies = stackalloc T[m];
        Span<T> level = stackalloc T[(m + 1) / 2];
        ref T src = ref MemoryMarshal.GetReference(copies);
        ref T lv = ref MemoryMarshal.GetReference(level);
        ref ulong planes0 = ref _planes[Index(mu, b0, 0)];
        for (; j + width <= words; j += width)
        {
            for (int a = 0; a < m; a++) Unsafe.Add(ref src, a) = TL.Load(ref Unsafe.Add(ref source, a * stride + j));
            for (int b = 0; b < count; b++)
            {
                // Level 0 reads the copies, later levels halve the survivors in place.
                Multiplexer.Reduce<TL, T>(ref src, ref lv, m, 1, ref Unsafe.Add(ref planes0, b * bits * words + j), words, bits);
                TL.Store(ref Unsafe.Add(ref target, b * targetStride + j), lv);
            }
        }
        return j;
    }
}
