using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace MCoverPhysics.Tests.Experiments;

/// <summary>
/// A ScottPlot SVG read back as geometry: the data area (the clip rectangle of the plottables), the centres of the data
/// markers drawn in it, the legend box (the white rectangle that is not the background) and the legend entries, each with
/// its line colour and a marker signature (element, fill or outline, shape relative to its centre).
/// </summary>
internal sealed partial class SvgFigure
{
    public record struct Box(double X, double Y, double W, double H)
    {
        public readonly bool Contains(double x, double y, double margin) => x >= X - margin && x <= X + W + margin && y >= Y - margin && y <= Y + H + margin;
    }

    public Box DataArea { get; }
    public List<(double X, double Y)> DataMarkers { get; } = [];
    public List<Box> LegendBoxes { get; } = [];
    public List<(string Label, string Colour, string Marker)> LegendEntries { get; } = [];

    public SvgFigure(string path)
    {
        var root = XDocument.Load(path).Root!;
        XNamespace ns = root.Name.Namespace;
        var clips = root.Descendants(ns + "clipPath").ToDictionary(c => (string)c.Attribute("id")!, c => BoxOf(c.Element(ns + "rect")!));
        var groups = root.Descendants(ns + "g").Where(g => g.Attribute("clip-path") is not null)
            .Select(g => (Group: g, Clip: clips[Regex.Match((string)g.Attribute("clip-path")!, @"#([^)]+)").Groups[1].Value])).ToList();
        DataArea = groups[0].Clip;
        LegendBoxes.AddRange(root.Elements(ns + "rect").Where(r => (string?)r.Attribute("fill") == "white" && r.Attribute("x") is not null).Select(BoxOf));
        foreach (var (group, clip) in groups)
        {
            if (clip == DataArea)
            {
                foreach (var e in group.Elements().Where(IsMarker)) DataMarkers.Add(Centre(e));
                continue;
            }
            if (!LegendBoxes.Any(b => b.Contains(clip.X, clip.Y, 1))) continue;
            var items = group.Elements().ToList();
            for (int k = 0; k < items.Count; k++)
            {
                if (items[k].Name.LocalName != "text") continue;
                // A label of several lines is several text elements in a row, then the entry's line and marker.
                var label = items.Skip(k).TakeWhile(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();
                k += label.Count - 1;
                var rest = items.Skip(k + 1).TakeWhile(e => e.Name.LocalName != "text").ToList();
                string colour = rest.Select(e => (string?)e.Attribute("stroke") ?? (string?)e.Attribute("fill")).FirstOrDefault(c => c is not null) ?? "";
                var marker = rest.FirstOrDefault(IsMarker);
                LegendEntries.Add((string.Join(" ", label), colour, marker is null ? "none" : Signature(marker)));
            }
        }
    }

    /// <summary>Ellipses, rectangles and closed paths are markers; open paths are lines and error bars.</summary>
    private static bool IsMarker(XElement e) => e.Name.LocalName is "ellipse" or "circle" or "rect" || (e.Name.LocalName == "path" && ((string?)e.Attribute("d") ?? "").TrimEnd().EndsWith('Z'));

    private static Box BoxOf(XElement r) => new(D(r, "x"), D(r, "y"), D(r, "width"), D(r, "height"));

    private static double D(XElement e, string name) => double.Parse((string?)e.Attribute(name) ?? "0", CultureInfo.InvariantCulture);

    private static (double X, double Y) Centre(XElement e) => e.Name.LocalName switch
    {
        "ellipse" or "circle" => (D(e, "cx"), D(e, "cy")),
        "rect" => (D(e, "x") + D(e, "width") / 2, D(e, "y") + D(e, "height") / 2),
        _ => Points(e).Aggregate((0.0, 0.0), (s, p) => (s.Item1 + p.X, s.Item2 + p.Y), s => (s.Item1 / Points(e).Count, s.Item2 / Points(e).Count)),
    };

    private static List<(double X, double Y)> Points(XElement path)
    {
        var numbers = Number().Matches((string)path.Attribute("d")!).Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).ToList();
        return Enumerable.Range(0, numbers.Count / 2).Select(i => (numbers[2 * i], numbers[2 * i + 1])).ToList();
    }

    /// <summary>Element, filled or outlined, and its shape relative to its centre (rounded to 0.1 px).</summary>
    private static string Signature(XElement e)
    {
        string paint = (string?)e.Attribute("fill") is { } f && f != "none" ? "filled" : "open";
        if (e.Name.LocalName != "path") return $"{e.Name.LocalName} {paint}";
        var (cx, cy) = Centre(e);
        return $"path {paint} " + string.Join(" ", Points(e).Select(p => string.Create(CultureInfo.InvariantCulture, $"{Math.Round(p.X - cx, 1)},{Math.Round(p.Y - cy, 1)}")));
    }

    [GeneratedRegex(@"-?\d+(\.\d+)?")]
    private static partial Regex Number();
}
