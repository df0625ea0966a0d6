using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Models.Committee;
using MCoverPhysics.Models.Data;

namespace MCoverPhysics.Experiments.Specs;

/// <summary>Storage: P = round(αN) random ±1 patterns with independent random labels (capacity problem; no test set).</summary>
public sealed record StorageData : GeneratedData
{
    /// <inheritdoc />
    public override string Name => "storage";

    /// <inheritdoc />
    public override LearningTask Task => LearningTask.Storage;

    /// <inheritdoc />
    public override int TestSetSize => 0;

    /// <inheritdoc />
    public override Dataset Create(ModelSpec model, ulong seed, int threads = 0) => Dataset.Create(Task, model.N, PatternCount(model.N), 0, seed, threads);

    /// <inheritdoc />
    public override CommitteeDataset CreateCommittee(CommitteeShape shape, ulong seed, int threads = 0) => CommitteeDataset.Create(Task, shape, PatternCount(shape.N), 0, seed, threads);

    /// <inheritdoc />
    public override Models.Mlp.MlpDataset CreateMlp(MlpModel model, ulong seed, int threads = 0) => Models.Mlp.MlpDataset.Storage(model.N, PatternCount((int)model.LoadUnit), seed, threads);

    /// <inheritdoc />
    public override IEnumerable<KeyValuePair<Parameter, string>> Values() => [new(Parameters.Task, Name), new(Parameters.Alpha, AlphaText)];
}
