using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MCoverPhysics.Experiments.Config;

/// <summary>
/// A parameter scan: for each parameter a list of values (the cartesian grid) and a list of seeds.
/// Written as a flat JSON object whose keys are the flag names of <c>mcover run</c> plus "seeds":
/// <c>{"rule": ["cp", "cpr"], "alpha": "0.5:0.5:3", "n": 1001, "seeds": 10}</c>. A list (JSON array, "a,b,c"
/// or a range "start:step:stop") sweeps that parameter; "seeds" is a count (seeds seed, seed+1, …) or a list.
/// A JSON array of such objects is the union of their grids, run in order (e.g. methods whose parameters differ:
/// <c>[{"copies": 1}, {"copies": 8, "kernel": ["identity", "uniform"]}]</c>); command-line flags apply to every block.
/// </summary>
public sealed class SweepSpec
{
    /// <summary>The key that gives the seeds.</summary>
    public const string SeedsKey = "seeds";

    private readonly Dictionary<string, IReadOnlyList<string>> _values = new();
    private string? _seeds;
    private bool _seedsList; // "seeds" was a JSON array: a list even with one element ([7] is seed 7, not 7 seeds)
    private readonly IReadOnlyList<SweepSpec>? _blocks;

    /// <summary>A spec with every parameter at its default and one seed.</summary>
    public SweepSpec() { }

    private SweepSpec(IReadOnlyList<SweepSpec> blocks) => _blocks = blocks;

    /// <summary>The union of the grids of <paramref name="blocks"/>, expanded in order.</summary>
    public static SweepSpec Union(IReadOnlyList<SweepSpec> blocks)
    {
        if (blocks.Count == 0) throw new UsageException("a config list must hold at least one object");
        if (blocks.Any(b => b._blocks is not null)) throw new UsageException("a config list cannot hold another list");
        return blocks.Count == 1 ? blocks[0] : new SweepSpec(blocks);
    }

    /// <summary>The blocks of a union of grids; null for a single grid.</summary>
    public IReadOnlyList<SweepSpec>? Blocks => _blocks;

    /// <summary>Values as given, per parameter name (absent: default); empty for a union (see <see cref="Blocks"/>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Values => _values;

    /// <summary>Parses a config file's text; <paramref name="source"/> names it in errors.</summary>
    public static SweepSpec FromJson(string json, string source)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }); }
        catch (JsonException e) { throw JsonErrors.Invalid(source, json, e); }
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (root is JsonArray blocks)
            return Union(blocks.Select((b, i) => b is JsonObject o
                ? FromObject(o, doc.RootElement[i], $"{source}[{i}]")
                : throw new UsageException($"config {source}[{i}] must be a flat JSON object of parameter names to values")).ToList());
        if (root is not JsonObject obj) throw new UsageException($"config {source} must be a flat JSON object of parameter names to values (or a list of them)");
        return FromObject(obj, doc.RootElement, source);
    }

    private static SweepSpec FromObject(JsonObject obj, JsonElement element, string source)
    {
        var seen = new HashSet<string>();
        foreach (var property in element.EnumerateObject())
            if (!seen.Add(property.Name)) throw new UsageException($"config key '{property.Name}' in {source} is given twice");
        var spec = new SweepSpec();
        foreach (var (key, node) in obj)
        {
            if (key == SeedsKey)
            {
                spec._seedsList = node is JsonArray;
                spec._seeds = node switch
                {
                    JsonArray arr => string.Join(",", arr.Select(e => Scalar(source, key, e))),
                    _ => Scalar(source, key, node),
                };
                continue;
            }
            var p = Parameters.Find(key) ?? throw new UsageException(
                $"config key '{key}' in {source} is not a parameter; expected one of {string.Join(", ", Parameters.All.Select(x => x.Name))}, {SeedsKey}");
            var items = node is JsonArray list ? list.SelectMany(e => p.Expand(Scalar(source, key, e))).ToList() : p.Expand(Scalar(source, key, node)).ToList();
            if (items.Count == 0) throw new UsageException($"config key '{key}' in {source} is an empty list");
            if (spec._values.ContainsKey(p.Name)) throw new UsageException($"config key '{key}' in {source} is given twice (as {p.Name} and {p.Alias})");
            spec._values[p.Name] = items;
        }
        return spec;
    }

    private static string Scalar(string source, string key, JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
        _ => throw new UsageException($"config key '{key}' in {source} must be a number, a string or a list of them"),
    };

    /// <summary>Sets parameters from flags (they override the file); each value may itself be a list or range.</summary>
    public SweepSpec With(IReadOnlyDictionary<string, string> flags, string? seeds)
    {
        if (_blocks is not null)
        {
            foreach (var block in _blocks) block.With(flags, seeds);
            return this;
        }
        // Seeds given on the command line replace the file's seeds as a whole: --seed alone drops the file's "seeds",
        // an explicit --seeds list drops the file's "seed", and a --seeds count keeps a single file seed as its base.
        if (flags.ContainsKey("seed") && seeds is null) _seeds = null;
        if (seeds is not null && !flags.ContainsKey("seed") && _values.TryGetValue("seed", out var fileSeed)
            && (seeds.Contains(',') || seeds.Contains(':') || fileSeed.Count != 1))
            _values.Remove("seed");
        foreach (var (name, text) in flags)
        {
            var p = Parameters.Find(name) ?? throw new UsageException($"'{name}' is not a parameter");
            _values[p.Name] = p.Expand(text);
        }
        if (seeds is not null) (_seeds, _seedsList) = (seeds, false);
        return this;
    }

    /// <summary>The seeds: "seeds" as a count starting at "seed", or as an explicit list; else the "seed" values.</summary>
    public IReadOnlyList<ulong> Seeds()
    {
        if (_blocks is not null) return _blocks.SelectMany(b => b.Seeds()).Distinct().ToList();
        var baseSeeds = _values.TryGetValue("seed", out var s) ? s : [Parameters.Seed.Default];
        if (_seeds is null) return baseSeeds.Select(x => ParseSeed("seed", x)).ToList();
        if (_seedsList || _seeds.Contains(',') || _seeds.Contains(':'))
        {
            if (_values.ContainsKey("seed")) throw new UsageException($"--seeds '{_seeds}' is an explicit list; give either seed or a list of seeds, not both");
            return Parameters.Seed.Expand(_seeds).Select(x => ParseSeed(SeedsKey, x)).ToList();
        }
        if (!int.TryParse(_seeds, NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count < 1)
            throw UsageException.Field(SeedsKey, _seeds, "must be a count ≥ 1 or a list of seeds");
        if (baseSeeds.Count != 1) throw new UsageException($"--seeds '{_seeds}' is a count; it needs one base seed, not a list");
        ulong first = ParseSeed("seed", baseSeeds[0]);
        if (first > ulong.MaxValue - (ulong)(count - 1)) throw UsageException.Field(SeedsKey, _seeds, $"runs past the largest seed from seed {first}");
        return Enumerable.Range(0, count).Select(i => first + (ulong)i).ToList();
    }

    private static ulong ParseSeed(string field, string text)
        => ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : throw UsageException.Field(field, text, "is not an integer ≥ 0");

    /// <summary>
    /// Every (grid point, seed) as a validated config: points in parameter-table order (later parameters vary
    /// faster), seeds innermost. Throws on the first invalid value, before anything runs.
    /// </summary>
    public IReadOnlyList<RunConfig> Expand()
    {
        var result = _blocks is null ? ExpandGrid() : _blocks.SelectMany(b => b.ExpandGrid()).ToList();
        // A repeated value (alpha 1,1; seeds 1,1; k 15,auto where auto is 15; two blocks sharing a point) would count one run as several seeds.
        var duplicate = result.GroupBy(t => string.Join(";", t.ToValues().Select(kv => kv.Value))).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new UsageException($"the grid holds the same task twice ({string.Join(", ", duplicate.First().ToValues().Select(kv => $"{kv.Key}={kv.Value}"))}); remove the repeated value");
        return result;
    }

    private List<RunConfig> ExpandGrid()
    {
        var seeds = Seeds();
        var axes = Parameters.All.Where(p => p.Name != "seed" && _values.ContainsKey(p.Name)).ToList();
        var result = new List<RunConfig>();
        var current = new Dictionary<string, string>();
        void Recurse(int depth)
        {
            if (depth == axes.Count)
            {
                foreach (var seed in seeds)
                {
                    current["seed"] = seed.ToString(CultureInfo.InvariantCulture);
                    result.Add(RunConfig.FromValues(current));
                }
                return;
            }
            foreach (var v in _values[axes[depth].Name])
            {
                current[axes[depth].Name] = v;
                Recurse(depth + 1);
            }
        }
        Recurse(0);
        return result;
    }

    /// <summary>
    /// The spec as canonical JSON (table order, keys the CSV column names, values as lists of JSON numbers or strings,
    /// resolved seeds): what run.json and sweep.json record, read back by <see cref="FromJson"/>; a list of such objects for a union.
    /// </summary>
    public JsonNode ToJson()
    {
        if (_blocks is not null) return new JsonArray(_blocks.Select(b => b.ToJson()).ToArray());
        var o = new JsonObject();
        foreach (var p in Parameters.All)
            if (p.Name != "seed" && _values.TryGetValue(p.Name, out var v)) o[p.Column] = new JsonArray(v.Select(x => p.Json(x)).ToArray());
        o[SeedsKey] = new JsonArray(Seeds().Select(x => (JsonNode)JsonValue.Create(x)).ToArray());
        return o;
    }

    /// <summary>SHA-256 (first 16 hex digits) of the resolved task list: two runs with equal hashes compute the same rows.</summary>
    public static string Hash(IEnumerable<RunConfig> tasks)
    {
        var sb = new StringBuilder();
        foreach (var t in tasks) sb.AppendJoin(';', t.ToValues().Select(kv => $"{kv.Key}={kv.Value}")).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..16];
    }
}
