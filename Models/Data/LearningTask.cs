namespace MCoverPhysics.Models.Data;

/// <summary>What the labels are.</summary>
public enum LearningTask
{
    /// <summary>σ^μ = sign(w*·ξ^μ) for a random binary teacher w* (generalisation).</summary>
    TeacherStudent,
    /// <summary>σ^μ uniform ±1, independent of the patterns (storage / capacity problem).</summary>
    Storage,
    /// <summary>Labels of a real data set (Fashion-MNIST) with its own test set.</summary>
    RealData,
}
