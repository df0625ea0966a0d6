using ScottPlot;

namespace MCoverPhysics.Experiments.Output;

/// <summary>
/// The one style of every figure the package draws (<c>mcover plot</c>, comparison, connect, the kernel heat map): a
/// colour-blind-safe palette (Okabe &amp; Ito 2008, without yellow, which vanishes on white, and black, which is kept for
/// theory curves) crossed with a marker cycle of coprime length, so that series i and j differ in colour or marker for
/// all i ≠ j below <see cref="DistinctSeries"/>; the legend outside the data area (right), so that it never hides a
/// point; axis labels with symbols and units (<see cref="AxisLabel"/>); 1000 × 650 pixels, written as PNG and SVG.
/// </summary>
public static class FigureStyle
{
    /// <summary>Figure size in pixels.</summary>
    public const int Width = 1000, Height = 650;

    /// <summary>Series colours: Okabe–Ito blue, vermillion, bluish green, reddish purple, orange, sky blue.</summary>
    public static readonly Color[] Palette =
        [Color.FromHex("#0072B2"), Color.FromHex("#D55E00"), Color.FromHex("#009E73"), Color.FromHex("#CC79A7"), Color.FromHex("#E69F00"), Color.FromHex("#56B4E9")];

    /// <summary>Series markers; 7 is coprime with the 6 colours.</summary>
    public static readonly MarkerShape[] Markers =
        [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond, MarkerShape.OpenCircle, MarkerShape.OpenSquare, MarkerShape.OpenTriangleDown];

    /// <summary>Series 0 … DistinctSeries − 1 all get different (colour, marker) pairs (6 × 7 = 42, by the Chinese remainder theorem).</summary>
    public static int DistinctSeries => Palette.Length * Markers.Length;

    /// <summary>The colour of theory curves (no series uses it).</summary>
    public static readonly Color Theory = Colors.Black;

    /// <summary>Colour and marker of series <paramref name="index"/> (from 0).</summary>
    public static (Color Color, MarkerShape Marker) Series(int index) => (Palette[index % Palette.Length], Markers[index % Markers.Length]);

    /// <summary>Adds series <paramref name="index"/>: markers joined by a thin line, with ± <paramref name="errors"/> bars when given.</summary>
    public static void AddSeries(Plot plot, int index, double[] xs, double[] ys, double[]? errors, string label)
    {
        var (color, marker) = Series(index);
        var line = plot.Add.Scatter(xs, ys);
        line.Color = color;
        line.MarkerShape = marker;
        line.MarkerSize = 8;
        line.LineWidth = 1.5f;
        line.LegendText = Wrap(label);
        if (errors is null) return;
        var bars = plot.Add.ErrorBar(xs, ys, errors.Select(e => double.IsFinite(e) ? e : 0).ToArray());
        bars.Color = color;
    }

    /// <summary>Adds a theory curve: a thick black line without markers (solid: the SVG canvas warns on every dashed segment).</summary>
    public static void AddTheory(Plot plot, double[] xs, double[] ys, string label)
    {
        var line = plot.Add.Scatter(xs, ys);
        line.Color = Theory;
        line.MarkerSize = 0;
        line.LineWidth = 2.5f;
        line.LegendText = Wrap(label);
    }

    /// <summary>Lines of at most about <paramref name="width"/> characters, broken after ", ", ": " or before " (", so that a
    /// long legend label does not squeeze the data area nor a long title run off the figure.</summary>
    public static string Wrap(string label, int width = 34)
    {
        var lines = new List<string>();
        var line = new System.Text.StringBuilder();
        foreach (var piece in System.Text.RegularExpressions.Regex.Split(label, @"(?<=, |: )|(?= \()"))
        {
            if (line.Length > 0 && line.Length + piece.Length > width)
            {
                lines.Add(line.ToString().TrimEnd());
                line.Clear();
            }
            line.Append(piece);
        }
        if (line.Length > 0) lines.Add(line.ToString().TrimEnd());
        return string.Join('\n', lines);
    }

    /// <summary>Title, axis labels and fonts; the legend (when <paramref name="legend"/>) outside the data area on the right.</summary>
    public static void Decorate(Plot plot, string title, string xLabel, string yLabel, bool legend = true)
    {
        plot.Title(Wrap(title, 60), size: 16); // centred on the data area: a long title would run off the figure
        plot.XLabel(xLabel, size: 15);
        plot.YLabel(yLabel, size: 15);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
        plot.Axes.Left.TickLabelStyle.FontSize = 13;
        if (!legend) return;
        plot.ShowLegend(Edge.Right);
        plot.Legend.FontSize = 13;
    }

    /// <summary>Axis labels with symbols and units for the columns a physicist plots most; others by name.</summary>
    public static string AxisLabel(string column) => column switch
    {
        "alpha" => "load α = P/N",
        "n" => "synapses N",
        "copies" => "copies M",
        "lambda2" => "second eigenvalue modulus λ₂(Q)",
        "beta" => "inverse temperature β (1/violated constraint)",
        "sweeps" => "sweep budget (N proposals per weight copy)",
        "epochs" => "epoch budget",
        "epochs_run" => "epochs run",
        "kappa" => "margin κ",
        "eps_g" => "generalisation error ε_g = arccos(R)/π",
        "eps_g_consensus" => "ε_g of the consensus student sign(Σₐ wᵃ)",
        "eps_g_best" => "ε_g of the best copy",
        "eps_g_posterior" => "ε of the posterior-mean predictor sign(m·ξ)",
        "eps_g_overlap" => "ε_g from the overlaps",
        "test_error" => "test error ε_test (fraction misclassified)",
        "train_error" => "training error ε_t (fraction of patterns)",
        "overlap_R" => "teacher overlap R = w·w*/N",
        "overlap_posterior_mean" => "posterior overlap q = m·w*/N",
        "q_mean" => "inter-copy overlap q",
        "diversity" => "replica diversity 1 − q",
        "solved" => "P(solved): fraction of seeds with every copy solved",
        "energy" => "energy per copy E/M (violated constraints)",
        "acceptance_rate" => "acceptance rate",
        "seconds" => "wall time per task (s)",
        _ => column,
    };

    /// <summary>Writes the figure as PNG and, next to it, SVG (each atomically: a failure leaves the old pair).</summary>
    public static string[] Save(Plot plot, string png)
    {
        string svg = Path.ChangeExtension(png, ".svg");
        AtomicFile.Write(png, pngTmp => AtomicFile.Write(svg, svgTmp =>
        {
            plot.SavePng(pngTmp, Width, Height);
            plot.SaveSvg(svgTmp, Width, Height);
        }, overwrite: true), overwrite: true);
        return [png, svg];
    }
}
