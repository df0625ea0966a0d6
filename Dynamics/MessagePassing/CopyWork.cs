namespace MCoverPhysics.Dynamics.MessagePassing;

/// <summary>One copy's work space in perceptron BP (<see cref="BeliefPropagation"/>), so that the identity lift's copies
/// sweep on separate threads (a routed sweep gathers into copy 0's rows and keeps every copy's fresh messages): the pattern as ±1 reals, the copy's fields and old messages gathered into padded rows, the
/// cavity means and the fresh messages (each <c>len</c> doubles: N padded to the lane width, the padding zero).</summary>
internal sealed class CopyWork(int len)
{
    public double[] Xi { get; } = new double[len];
    public double[] Routed { get; } = new double[len];
    public double[] Old { get; } = new double[len];
    public double[] Cavity { get; } = new double[len];
    public double[] Fresh { get; } = new double[len];
}
