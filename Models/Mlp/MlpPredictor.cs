using MCoverPhysics.Models.Spins;

namespace MCoverPhysics.Models.Mlp;

/// <summary>
/// Classes of many inputs under one network at a time, through the blocked forward pass (<see cref="MlpBlockedNetwork"/>), with
/// every buffer allocated once: the error passes of a trainer allocate nothing per epoch (the thread pool's bookkeeping of a
/// parallel loop aside, when more than one thread is asked for).
/// </summary>
/// <remarks>Rows go in chunks of <see cref="Chunk"/>, dealt round-robin to the workers, each chunk's classes written by one
/// worker: the classes never depend on the thread count.</remarks>
public sealed class MlpPredictor
{
    /// <summary>Rows per task.</summary>
    public const int Chunk = 256;

    private readonly MlpShape _shape;
    private readonly MlpBlockedNetwork _network;
    private readonly int _threads;
    private readonly int[][] _fields, _classes;
    private readonly ulong[][] _acts;
    private readonly ParallelOptions _parallel;
    private readonly Action<int> _worker;
    private int[] _rows = [];
    private PatternMatrix _inputs = new(0, 1);
    private byte[] _output = [];

    /// <summary>A predictor for networks of <paramref name="shape"/> on up to <paramref name="threads"/> workers.</summary>
    public MlpPredictor(MlpShape shape, int threads = 1)
    {
        _shape = shape;
        _network = new MlpBlockedNetwork(shape);
        _threads = Math.Max(1, threads);
        _fields = Enumerable.Range(0, _threads).Select(_ => new int[Chunk * shape.UnitCount]).ToArray();
        _acts = Enumerable.Range(0, _threads).Select(_ => new ulong[Chunk * _network.ActivationWords]).ToArray();
        _classes = Enumerable.Range(0, _threads).Select(_ => new int[Chunk]).ToArray();
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = _threads };
        _worker = RunWorker;
    }

    /// <summary>Writes the class of every row of <paramref name="inputs"/> under network <paramref name="bits"/> (packed rows, the
    /// layout of <see cref="MlpNetwork.Bits"/>) into <paramref name="classes"/>.</summary>
    public void Predict(ReadOnlySpan<ulong> bits, PatternMatrix inputs, byte[] classes)
    {
        if (classes.Length < inputs.Rows) throw new ArgumentException("fewer classes than rows", nameof(classes));
        if (_rows.Length < inputs.Rows)
        {
            // Grown once per larger data set (the row indices 0, 1, 2, …), never within a trainer's epochs.
            _rows = new int[inputs.Rows];
            for (int i = 0; i < _rows.Length; i++) _rows[i] = i;
        }
        _network.Load(bits);
        (_inputs, _output) = (inputs, classes);
        if (_threads == 1) RunWorker(0);
        else Parallel.For(0, _threads, _parallel, _worker);
    }

    /// <summary>Misclassified rows of <paramref name="inputs"/>; <paramref name="classes"/> is scratch of at least the rows.</summary>
    public int Errors(ReadOnlySpan<ulong> bits, PatternMatrix inputs, ReadOnlySpan<byte> labels, byte[] classes)
    {
        Predict(bits, inputs, classes);
        int errors = 0;
        for (int i = 0; i < inputs.Rows; i++) if (classes[i] != labels[i]) errors++;
        return errors;
    }

    /// <summary>Worker <paramref name="worker"/> runs chunks worker, worker + T, worker + 2T, … on its own buffers.</summary>
    private void RunWorker(int worker)
    {
        int chunks = (_inputs.Rows + Chunk - 1) / Chunk;
        var classes = _classes[worker];
        for (int c = worker; c < chunks; c += _threads)
        {
            int from = c * Chunk, g = Math.Min(Chunk, _inputs.Rows - from);
            _network.Forward(_inputs, _rows.AsSpan(from, g), _fields[worker], _acts[worker], classes);
            for (int i = 0; i < g; i++) _output[from + i] = (byte)classes[i];
        }
    }
}
