namespace MCoverPhysics.Dynamics.States;

/// <summary>
/// The <see cref="IConstant"/> values kernels are specialised for: <see cref="Variable"/> (known only at run time) and 1 … 10.
/// Code that dispatches on them imports them with <c>using static</c>.
/// </summary>
internal static class Constants
{
    public readonly struct Variable : IConstant { public static int Value => 0; }
    public readonly struct Fixed1 : IConstant { public static int Value => 1; }
    public readonly struct Fixed2 : IConstant { public static int Value => 2; }
    public readonly struct Fixed3 : IConstant { public static int Value => 3; }
    public readonly struct Fixed4 : IConstant { public static int Value => 4; }
    public readonly struct Fixed5 : IConstant { public static int Value => 5; }
    public readonly struct Fixed6 : IConstant { public static int Value => 6; }
    public readonly struct Fixed7 : IConstant { public static int Value => 7; }
    public readonly struct Fixed8 : IConstant { public static int Value => 8; }
    public readonly struct Fixed9 : IConstant { public static int Value => 9; }
    public readonly struct Fixed10 : IConstant { public static int Value => 10; }
}
