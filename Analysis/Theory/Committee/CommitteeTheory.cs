namespace MCoverPhysics.Analysis.Theory.Committee;

/// <summary>
/// State evolution (= replica-symmetric saddle point) of the Bayes-optimal fully connected committee machine with ±1
/// weights, sign hidden units and majority output (Aubin, Maillard, Barbier, Krzakala, Macris &amp; Zdeborová, NeurIPS
/// 2018), in the committee-symmetric ansatz q = (q_d − q_o) I + q_o J, q̂ likewise (each step's matrices are projected
/// onto it). K = 1 is the perceptron's <see cref="TeacherStudentTheory"/>. Equations: docs/physics/theory.md.
/// </summary>
public static class CommitteeTheory
{
    /// <summary>Largest K supported: the quadrature costs n^{2K−1} channel evaluations a step.</summary>
    public const int MaxHidden = 5;

    /// <summary>The fixed point reached from the options' q₀ at load α.</summary>
    public static CommitteePoint StateEvolution(int hidden, double alpha, CommitteeTheoryOptions? options = null)
    {
        var o = Check(hidden, alpha, options);
        var (channel, prior) = Build(hidden, o);
        int k = hidden;
        double qd = o.InitialDiagonal, qo = k == 1 ? 0 : o.InitialOffDiagonal;
        double hd = 0, ho = 0;
        for (int t = 1; t <= o.MaxIterations; t++)
        {
            var (qhat, _) = channel.Evaluate(Matrix(k, qd, qo));
            if (qhat is null) return Perfect(k, alpha, t);
            (hd, ho) = Project(k, qhat, alpha);
            var (nd, no) = Project(k, prior.Evaluate(Matrix(k, hd, ho)), 1.0);
            double change = Math.Max(Math.Abs(nd - qd), Math.Abs(no - qo));
            qd = (1 - o.Damping) * nd + o.Damping * qd;
            qo = (1 - o.Damping) * no + o.Damping * qo;
            if (1 - (qd + (k - 1) * Math.Max(qo, 0)) < CommitteeChannel.PerfectTolerance && 1 - (qd - Math.Min(qo, 0)) < CommitteeChannel.PerfectTolerance)
                return Perfect(k, alpha, t);
            if (change < o.Tolerance) return Point(channel, o, k, alpha, qd, qo, true, t);
        }
        return Point(channel, o, k, alpha, qd, qo, false, o.MaxIterations);
    }

    /// <summary>One point per α, in the given order.</summary>
    public static IReadOnlyList<CommitteePoint> Curve(int hidden, IEnumerable<double> alphas, CommitteeTheoryOptions? options = null)
        => alphas.Select(a => StateEvolution(hidden, a, options)).ToList();

    /// <summary>ε_Bayes and q̂ at a given committee-symmetric overlap (q_d, q_o), without iterating.</summary>
    public static (double QhatDiagonal, double QhatOffDiagonal, double EpsBayes) Channel(int hidden, double alpha, double diagonal, double offDiagonal,
        CommitteeTheoryOptions? options = null)
    {
        var o = Check(hidden, alpha, options);
        var (channel, _) = Build(hidden, o);
        var (qhat, eps) = channel.Evaluate(Matrix(hidden, diagonal, hidden == 1 ? 0 : offDiagonal));
        if (qhat is null) return (double.PositiveInfinity, 0, 0);
        var (hd, ho) = Project(hidden, qhat, alpha);
        return (hd, ho, Refined(hidden, o, diagonal, hidden == 1 ? 0 : offDiagonal, eps));
    }

    /// <summary>Mean diagonal and off-diagonal q at a given committee-symmetric q̂, without iterating.</summary>
    public static (double Diagonal, double OffDiagonal) Prior(int hidden, double qhatDiagonal, double qhatOffDiagonal, CommitteeTheoryOptions? options = null)
    {
        var o = Check(hidden, 1.0, options);
        var (_, prior) = Build(hidden, o);
        return Project(hidden, prior.Evaluate(Matrix(hidden, qhatDiagonal, hidden == 1 ? 0 : qhatOffDiagonal)), 1.0);
    }

    /// <summary>The quadrature used for K (for the provenance of theory.json).</summary>
    public static string Quadrature(int hidden, CommitteeTheoryOptions? options = null)
    {
        var o = options ?? CommitteeTheoryOptions.Default;
        if (hidden == 1) return "composite Gauss–Legendre (GaussianIntegral) on ω and ξ";
        int refine = RefineNodes(hidden, o);
        return $"tensor Gauss–Hermite: {ChannelNodes(hidden, o)} nodes a dimension over ω (K dims) and r (K−1 dims), {PriorNodes(hidden, o)} over ξ (K dims); exact sums over the 2^K weight rows"
            + (refine > 0 ? $"; eps_bayes Richardson-extrapolated in 1/n from {ChannelNodes(hidden, o)} and {refine} nodes" : "; eps_bayes at that rule (not extrapolated)");
    }

    internal static CommitteeTheoryOptions Check(int hidden, double alpha, CommitteeTheoryOptions? options)
    {
        if (hidden < 1 || hidden % 2 == 0 || hidden > MaxHidden)
            throw new ArgumentOutOfRangeException(nameof(hidden), hidden, $"K must be odd and in [1, {MaxHidden}]");
        if (!(alpha > 0) || double.IsInfinity(alpha)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "α must be > 0 and finite");
        return (options ?? CommitteeTheoryOptions.Default).Validated(hidden);
    }

    private static int ChannelNodes(int k, CommitteeTheoryOptions o) => o.ChannelNodes > 0 ? o.ChannelNodes : k == 3 ? 14 : 5;

    /// <summary>The refinement rule's nodes for ε (0: none): <see cref="CommitteeTheoryOptions.EpsRefineNodes"/>, automatic n + 6 for K = 3.</summary>
    private static int RefineNodes(int k, CommitteeTheoryOptions o)
    {
        if (k == 1 && o.ChannelNodes == 0) return 0; // the Gauss–Legendre rule
        int n = ChannelNodes(k, o), refine = o.EpsRefineNodes > 0 ? o.EpsRefineNodes : k == 3 ? n + 6 : 0;
        if (refine <= n) return 0;
        if ((refine - n) % 2 != 0)
            throw new ArgumentOutOfRangeException(nameof(o.EpsRefineNodes), refine, $"must have the parity of the channel's {n} nodes (an odd rule has a node on the kink at ω = 0)");
        return refine;
    }

    /// <summary>ε at (q_d, q_o) extrapolated in 1/n from the n-node value <paramref name="eps"/> and the refinement rule's.</summary>
    private static double Refined(int k, CommitteeTheoryOptions o, double qd, double qo, double eps)
    {
        int refine = RefineNodes(k, o), n = ChannelNodes(k, o);
        if (refine == 0) return eps;
        var fine = new CommitteeChannel(k, GaussianGrid.Hermite(k, refine), refine);
        var (qhat, epsFine) = fine.Evaluate(Matrix(k, qd, qo));
        return qhat is null ? eps : (refine * epsFine - n * eps) / (refine - n);
    }
    private static int PriorNodes(int k, CommitteeTheoryOptions o) => o.PriorNodes > 0 ? o.PriorNodes : k == 3 ? 40 : 12;

    internal static (CommitteeChannel, CommitteePrior) Build(int k, CommitteeTheoryOptions o)
    {
        if (k == 1 && o.ChannelNodes == 0)
            return (new CommitteeChannel(1, GaussianGrid.Legendre(1), 1), new CommitteePrior(1, GaussianGrid.Legendre(1)));
        int n = ChannelNodes(k, o);
        return (new CommitteeChannel(k, GaussianGrid.Hermite(k, n), n), new CommitteePrior(k, GaussianGrid.Hermite(k, PriorNodes(k, o))));
    }

    internal static double[,] Matrix(int k, double diagonal, double offDiagonal)
    {
        var m = new double[k, k];
        for (int a = 0; a < k; a++)
            for (int b = 0; b < k; b++) m[a, b] = a == b ? diagonal : offDiagonal;
        return m;
    }

    /// <summary>Committee-symmetric projection: scale × (mean diagonal, mean off-diagonal).</summary>
    internal static (double Diagonal, double OffDiagonal) Project(int k, double[,] m, double scale)
    {
        double d = 0, o = 0;
        for (int a = 0; a < k; a++)
            for (int b = 0; b < k; b++)
                if (a == b) d += m[a, b];
                else o += m[a, b];
        return (scale * d / k, k == 1 ? 0 : scale * o / (k * (k - 1)));
    }

    private static CommitteePoint Perfect(int k, double alpha, int t) => new(k, alpha, 1, k == 1 ? 0 : 0, double.PositiveInfinity, 0, 0, true, t);

    private static CommitteePoint Point(CommitteeChannel channel, CommitteeTheoryOptions o, int k, double alpha, double qd, double qo, bool converged, int t)
    {
        var (qhat, eps) = channel.Evaluate(Matrix(k, qd, qo));
        if (qhat is null) return Perfect(k, alpha, t);
        var (hd, ho) = Project(k, qhat, alpha);
        return new CommitteePoint(k, alpha, qd, qo, hd, ho, Refined(k, o, qd, qo, eps), converged, t);
    }
}
