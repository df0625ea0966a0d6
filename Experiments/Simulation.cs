using MCoverPhysics.Experiments.Config;
using MCoverPhysics.Experiments.Running;

namespace MCoverPhysics.Experiments;

/// <summary>
/// The library's entry: validate a typed <see cref="RunConfig"/> (model → data → rule → lift or coupling → copies and
/// seed) and run it to its order parameters, exactly as <c>mcover run</c> does for the same values. docs/library.md.
/// </summary>
/// <example>
/// <code>
/// var result = Simulation.Run(new RunConfig
/// {
///     Model = new PerceptronModel { N = 1001 },
///     Data = new TeacherStudentData { Alpha = 1.5 },
///     Rule = new SbpiRule(),
///     Copies = 8,
///     Seed = 1,
/// });
/// Console.WriteLine(result.Observables.EpsG);
/// </code>
/// </example>
public static class Simulation
{
    /// <summary>
    /// Validates <paramref name="config"/> (a <see cref="UsageException"/> names the first bad parameter) and runs it.
    /// The result depends only on (config, seed), never on <see cref="RunOptions.Threads"/>.
    /// </summary>
    public static PointResult Run(RunConfig config, RunOptions? options = null)
    {
        options ??= new RunOptions();
        MemoryEstimate.Check([config.Validate()], 1, options.Trace); // as the CLI: a run that cannot fit is refused before it allocates
        return PointRunner.Run(config, options);
    }
}
