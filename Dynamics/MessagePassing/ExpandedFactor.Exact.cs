using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MCoverPhysics.Dynamics.MessagePassing;

internal static partial class ExpandedFactor
{
    /// <summary>
    /// Sixteen exact edge messages of a polarised unit (lanes 0–7 from <paramref name="c0"/>, <paramref name="x0"/>, lanes
    /// 8–15 from <paramref name="c1"/>, <paramref name="x1"/>), clipped, before damping: <see cref="ExactUnit"/>'s arithmetic
    /// lane for lane, the four <see cref="CommitteeFactor.LogMix(Vector512{double}, Vector512{double}, Vector512{double}, Vector512{double}, Vector512{double})"/>
    /// evaluations (ω̄ ± ξ of both halves) taken phase by phase together (ln Φ tails, then exp, then the mixture's log), so that
    /// their long dependency chains overlap in the out-of-order window instead of running one after the other.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<double> M0, Vector512<double> M1) ExactEdges(Vector512<double> c0, Vector512<double> x0, Vector512<double> c1,
        Vector512<double> x1, Vector512<double> qp, Vector512<double> qm, Vector512<double> lpv, Vector512<double> lmv, Vector512<double> vk,
        Vector512<double> wk, Vector512<double> floor, Vector512<double> cap, Vector512<double> half)
    {
        var one = Vector512<double>.One;
        var inv0 = one / Vector512.Sqrt(Vector512.Max(vk - (one - c0 * c0), floor));
        var inv1 = one / Vector512.Sqrt(Vector512.Max(vk - (one - c1 * c1), floor));
        var (wc0, wc1) = (wk - x0 * c0, wk - x1 * c1);
        var (za, zb, zc, zd) = ((wc0 + x0) * inv0, (wc0 - x0) * inv0, (wc1 + x1) * inv1, (wc1 - x1) * inv1);
        var (la, lb) = (CommitteeFactor.LogCdfLower(za), CommitteeFactor.LogCdfLower(zb));
        var (lc, ld) = (CommitteeFactor.LogCdfLower(zc), CommitteeFactor.LogCdfLower(zd));
        var (ea, eb) = (CommitteeFactor.Exp(la), CommitteeFactor.Exp(lb));
        var (ec, ed) = (CommitteeFactor.Exp(lc), CommitteeFactor.Exp(ld));
        var (ma, mb) = (MixLog(ea, za, qp, qm, lpv, lmv), MixLog(eb, zb, qp, qm, lpv, lmv));
        var (mc, md) = (MixLog(ec, zc, qp, qm, lpv, lmv), MixLog(ed, zd, qp, qm, lpv, lmv));
        return (Vector512.Min(Vector512.Max(half * (ma - mb), -cap), cap), Vector512.Min(Vector512.Max(half * (mc - md), -cap), cap));
    }

    /// <summary>The rest of <see cref="CommitteeFactor.LogMix(Vector512{double}, Vector512{double}, Vector512{double}, Vector512{double}, Vector512{double})"/>
    /// from its tail e = Φ(−|z|) (the same operations): A = q₊Φ(z) + q₋Φ(−z), ln A + max ln P±, the log-domain mixture where A
    /// underflows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> MixLog(Vector512<double> e, Vector512<double> z, Vector512<double> qp, Vector512<double> qm,
        Vector512<double> logPlus, Vector512<double> logMinus)
    {
        var rest = Vector512<double>.One - e;
        var negative = Vector512.LessThanOrEqual(z, Vector512<double>.Zero);
        var a = qp * Vector512.ConditionalSelect(negative, e, rest) + qm * Vector512.ConditionalSelect(negative, rest, e);
        var top = Vector512.Max(logPlus, logMinus);
        var floor = Vector512.Create(CommitteeFactor.LinearFloor);
        if (!Vector512.LessThanAny(a, floor)) return top + CommitteeFactor.Log(a);
        return Vector512.ConditionalSelect(Vector512.LessThan(a, floor), CommitteeFactor.Mix(logPlus, logMinus, z), top + CommitteeFactor.Log(Vector512.Max(a, floor)));
    }
}
