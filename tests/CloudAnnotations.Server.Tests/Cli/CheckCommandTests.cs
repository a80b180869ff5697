using System.Text.Json;
using static CloudAnnotations.Server.Tests.Cli.CliHarness;

namespace CloudAnnotations.Server.Tests.Cli;

public class CheckCommandTests
{
    private static readonly (int Line, int Column, string Severity, string Code)[] Expected =
    [
        (7, 5, "hint", "CA3003"),
        (9, 3, "information", "CA4005"),
        (22, 9, "error", "CA2002"),
        (33, 15, "error", "CA2001"),
        (42, 18, "error", "CA3001"),
        (45, 5, "information", "CA4004"),
        (53, 7, "warning", "CA2005"),
        (70, 5, "warning", "CA4001"),
    ];

    [Fact]
    public void Text_format_prints_compiler_style_lines_and_a_summary_and_exits_1()
    {
        var pets = PetsFolder();
        var run = Invoke("check", pets);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Error);
        var lines = run.Output.TrimEnd().Split('\n');
        Assert.Equal(Expected.Length + 1, lines.Length);
        for (int i = 0; i < Expected.Length; i++)
        {
            var (line, column, severity, code) = Expected[i];
            Assert.StartsWith($"{pets}/_annotations.json:{line}:{column}: {severity} {code}: ", lines[i]);
        }
        Assert.Equal($"{pets}/_annotations.json:22:9: error CA2002: Inverted box: x (0.72) is greater than x2 (0.21).", lines[2]);
        Assert.Equal("8 problems (3 errors, 2 warnings, 2 information, 1 hint) in 1 file.", lines[^1]);
    }

    [Fact]
    public void Json_format_uses_lsp_zero_based_ranges()
    {
        var run = Invoke("check", PetsFolder(), "--format", "json");
        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var items = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(Expected.Select(e => e.Code), items.Select(i => i.GetProperty("code").GetString()));
        Assert.Equal(Expected.Select(e => e.Severity), items.Select(i => i.GetProperty("severity").GetString()));
        for (int i = 0; i < Expected.Length; i++)
        {
            var start = items[i].GetProperty("range").GetProperty("start");
            Assert.Equal(Expected[i].Line - 1, start.GetProperty("line").GetInt32());
            Assert.Equal(Expected[i].Column - 1, start.GetProperty("character").GetInt32());
        }
        var inverted = items[2];
        Assert.EndsWith("/_annotations.json", inverted.GetProperty("file").GetString());
        Assert.Equal("Inverted box: x (0.72) is greater than x2 (0.21).", inverted.GetProperty("message").GetString());
        var end = inverted.GetProperty("range").GetProperty("end");
        Assert.Equal(21, end.GetProperty("line").GetInt32());
        Assert.Equal(17, end.GetProperty("character").GetInt32()); // `"x": 0.72` ends at column 17 (0-based)
    }

    [Fact]
    public void Sarif_format_has_rule_metadata_and_one_based_regions()
    {
        var run = Invoke("check", PetsFolder(), "--format", "sarif");
        Assert.Equal(1, run.ExitCode);
        using var sarif = JsonDocument.Parse(run.Output);
        var root = sarif.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        var runElement = root.GetProperty("runs")[0];
        var rules = runElement.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(20, rules.Count);
        var ca2002 = rules.Single(r => r.GetProperty("id").GetString() == "CA2002");
        Assert.Equal("https://github.com/cloud-annotations/cloud-annotations-lsp#ca2002", ca2002.GetProperty("helpUri").GetString());
        Assert.Equal("error", ca2002.GetProperty("defaultConfiguration").GetProperty("level").GetString());
        var results = runElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(Expected.Select(e => e.Code), results.Select(r => r.GetProperty("ruleId").GetString()));
        Assert.Equal(["note", "note", "error", "error", "error", "note", "warning", "warning"], results.Select(r => r.GetProperty("level").GetString()));
        for (int i = 0; i < results.Count; i++)
        {
            var rule = rules[results[i].GetProperty("ruleIndex").GetInt32()];
            Assert.Equal(results[i].GetProperty("ruleId").GetString(), rule.GetProperty("id").GetString());
            var region = results[i].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
            Assert.Equal(Expected[i].Line, region.GetProperty("startLine").GetInt32());
            Assert.Equal(Expected[i].Column, region.GetProperty("startColumn").GetInt32());
        }
        Assert.True(runElement.GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean());
    }

    [Fact]
    public void Severity_overrides_change_the_exit_code()
    {
        var run = Invoke("check", PetsFolder(), "--severity", "CA2001=warning", "--severity", "CA2002=off", "--severity", "ca3001=hint");
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("CA2002", run.Output);
        Assert.Contains("warning CA2001", run.Output);
        Assert.Contains("hint CA3001", run.Output);
    }

    [Fact]
    public void A_clean_file_exits_0_and_says_so()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"clean-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var file = Path.Combine(folder, "_annotations.json");
            File.WriteAllText(file, """{"version":"1.0","type":"localization","labels":["cat"],"annotations":{"a.jpg":[{"x":0.1,"y":0.1,"x2":0.5,"y2":0.5,"label":"cat"}]}}""");
            var run = Invoke("check", file);
            Assert.Equal(0, run.ExitCode);
            Assert.Equal("No problems in 1 file.", run.Output.Trim());
        }
        finally { Directory.Delete(folder, true); }
    }

    [Fact]
    public void Unreadable_paths_and_usage_errors_exit_2_with_a_located_message()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}");
        var run = Invoke("check", PetsFolder(), missing);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"{missing}: error: no such file or folder.", run.Error.Trim());
        Assert.Contains("CA2002", run.Output); // the readable path is still checked

        var empty = Directory.CreateTempSubdirectory().FullName;
        try
        {
            var noFile = Invoke("check", empty);
            Assert.Equal(2, noFile.ExitCode);
            Assert.Contains("no _annotations.json in this folder", noFile.Error);
        }
        finally { Directory.Delete(empty); }

        Assert.Equal(2, Invoke("check", PetsFolder(), "--format", "xml").ExitCode);
        Assert.Equal(2, Invoke("check").ExitCode);
        Assert.Equal(2, Invoke("check", PetsFolder(), "--severity", "CA9999=off").ExitCode);
    }

    [Fact]
    public void Help_is_available_on_the_verb()
    {
        var run = Invoke("check", "--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--format", run.Output);
    }
}
