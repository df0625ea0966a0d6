using MCoverPhysics.Models.Random;

namespace MCoverPhysics.Dynamics.MonteCarlo;

/// <summary>
/// Replica exchange (parallel tempering) over M independent replicas: which copy sits at which temperature of the ladder,
/// and the swaps of neighbouring temperatures (Hukushima &amp; Nemoto, JPSJ 65, 1604 (1996)).
/// </summary>
/// <remarks>Uniforms come from (seed, Rule, 2^64 − 1), an index no copy uses. Temperatures move; configurations and their streams stay with their copy.</remarks>
internal sealed class ReplicaExchange
{
    private readonly int[] _copyAt; // the copy at temperature k (β_k rising with k)
    private RngStream _exchange;
    private long _proposed, _accepted;

    public ReplicaExchange(int copies, ulong seed)
    {
        _copyAt = Enumerable.Range(0, copies).ToArray();
        _exchange = RngStream.For(seed, StreamTag.Rule, ulong.MaxValue);
    }

    /// <summary>The copy now at temperature k.</summary>
    public int CopyAt(int k) => _copyAt[k];

    /// <summary>Accepted / proposed temperature swaps (NaN before any).</summary>
    public double Rate => _proposed == 0 ? double.NaN : (double)_accepted / _proposed;

    /// <summary>Gives every copy its ladder β: <paramref name="betas"/>[copy at k] = β_k.</summary>
    public void Assign(MonteCarloOptions options, double[] betas)
    {
        for (int k = 0; k < _copyAt.Length; k++) betas[_copyAt[k]] = options.LadderBeta(k, _copyAt.Length);
    }

    /// <summary>
    /// Swaps between neighbouring temperatures k, k + 1 for k ≡ <paramref name="parity"/> (mod 2): the configurations at β_k
    /// and β_{k+1} swap with probability min(1, e^{(β_{k+1} − β_k)(E_{k+1} − E_k)}), which keeps ∏_k e^{−β_k E_k} stationary.
    /// </summary>
    public void Exchange(int parity, double[] betas, ICopyEnergies energy)
    {
        for (int k = parity; k + 1 < _copyAt.Length; k += 2)
        {
            int a = _copyAt[k], b = _copyAt[k + 1];
            double x = (betas[b] - betas[a]) * (energy.CopyEnergy(b) - energy.CopyEnergy(a));
            _proposed++;
            if (x >= 0 || _exchange.NextDouble() < Math.Exp(x))
            {
                _accepted++;
                (_copyAt[k], _copyAt[k + 1]) = (b, a);
                (betas[a], betas[b]) = (betas[b], betas[a]);
            }
        }
    }
}
