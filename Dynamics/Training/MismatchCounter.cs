using System.Runtime.CompilerServices;
using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Dynamics.Training;

/// <summary>
/// Per-lane mismatch counts of a sequence of words, summed by carry-save adders (Harley &amp; Seal): pairs of words are
/// compressed into <c>ones</c> with a carry of weight 2, pairs of those carries into <c>twos</c> with a carry of weight 4,
/// whose byte popcounts accumulate (at most 8 a group of 4 words per byte: widened every 31 groups). One byte popcount per
/// 4 words instead of one per word: it pays where each word costs more than its count, as in the update pass that also
/// routes the next pattern (measured); the plain popcount loop of <see cref="InterleavedRouting{TL, T}"/> was faster without it.
/// </summary>
internal struct MismatchCounter<TL, T> where TL : ILanes<T> where T : unmanaged
{
    private T _ones, _twos, _fours, _quads, _held, _heldTwo;
    private int _groups;

    /// <summary>Counts the set bits of every lane of <paramref name="mismatch"/>, word <paramref name="j"/> = 0, 1, 2, … of the sequence.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(T mismatch, int j)
    {
        if ((j & 1) == 0)
        {
            _held = mismatch;
            return;
        }
        T carry = TL.Majority(_ones, _held, mismatch); // ones + held + mismatch = ones' + 2·carry
        _ones = TL.Xor3(_ones, _held, mismatch);
        if ((j & 2) == 0)
        {
            _heldTwo = carry;
            return;
        }
        _fours = TL.AddPopCounts(_fours, TL.Majority(_twos, _heldTwo, carry)); // twos + heldTwo + carry = twos' + 2·(weight-4 carry)
        _twos = TL.Xor3(_twos, _heldTwo, carry);
        if (++_groups == 31)
        {
            _quads = TL.Add(_quads, TL.Widen(_fours));
            (_fours, _groups) = (default, 0);
        }
    }

    /// <summary>
    /// The count of every lane after <paramref name="words"/> words: 4·(weight-4 carries) + 2·(twos and an unpaired
    /// carry) + ones and an unpaired word.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly T Total(int words)
    {
        T ones = TL.AddPopCounts(default, _ones), twos = TL.AddPopCounts(default, _twos);
        if ((words & 1) != 0) ones = TL.AddPopCounts(ones, _held);
        if ((words & 2) != 0) twos = TL.AddPopCounts(twos, _heldTwo);
        T four = TL.Add(_quads, TL.Widen(_fours)), two = TL.Widen(twos);
        four = TL.Add(four, four);
        return TL.Add(TL.Widen(ones), TL.Add(TL.Add(four, four), TL.Add(two, two)));
    }
}
