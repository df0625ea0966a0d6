using System.Runtime.Intrinsics;

namespace MCoverPhysics.Dynamics.MessagePassing;

/// <summary>Elementary functions on eight lanes that message passing needs besides the normal tails (<see cref="Models.Statistics.NormalFunctions"/>).</summary>
public static class VectorMath
{
    /// <summary>tanh(x) on eight lanes: sign(x)·(1 − e)/(1 + e), e = exp(−2|x|).</summary>
    public static Vector512<double> Tanh(Vector512<double> x)
    {
        var e = Vector512.Exp(Vector512.Create(-2.0) * Vector512.Abs(x));
        var magnitude = (Vector512<double>.One - e) / (Vector512<double>.One + e);
        return Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<double>.Zero), -magnitude, magnitude);
    }
}
