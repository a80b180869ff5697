using System.Text;
using System.Text.Json;
using static CloudAnnotations.Server.Tests.Cli.CliHarness;

namespace CloudAnnotations.Server.Tests.Cli;

public class FixCommandTests
{
    [Fact]
    public void Fix_then_check_leaves_no_fixable_problem()
    {
        var folder = CopyOfPets();
        try
        {
            var file = Path.Combine(folder, "_annotations.json");
            var run = Invoke("fix", folder);
            Assert.Equal(0, run.ExitCode);
            var lines = run.Output.TrimEnd().Split('\n');
            Assert.Equal(5, lines.Length);
            Assert.StartsWith($"{folder}/_annotations.json:22:9: fixed CA2002: Swap x and x2", lines[0]);
            Assert.StartsWith($"{folder}/_annotations.json:33:15: fixed CA2001: Clamp x2 to 1", lines[1]);
            Assert.StartsWith($"{folder}/_annotations.json:42:18: fixed CA3001: Add \"dgo\" to labels", lines[2]);
            Assert.StartsWith($"{folder}/_annotations.json:53:7: fixed CA2005: Remove the duplicate box", lines[3]);
            Assert.Contains("applied 4 fixes (1 pass); 4 problems remain without a safe fix (0 errors)", lines[4]);
            using (JsonDocument.Parse(File.ReadAllText(file))) { }

            var after = Invoke("check", folder, "--format", "json");
            Assert.Equal(0, after.ExitCode);
            using var json = JsonDocument.Parse(after.Output);
            Assert.Equal(["CA3003", "CA4005", "CA4004", "CA4001"], json.RootElement.EnumerateArray().Select(p => p.GetProperty("code").GetString()));

            var again = Invoke("fix", folder);
            Assert.Equal(0, again.ExitCode);
            Assert.Contains("nothing to fix", again.Output);
            Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
        }
        finally { Directory.Delete(folder, true); }
    }

    [Fact]
    public void Dry_run_prints_the_fixes_and_writes_nothing()
    {
        var folder = CopyOfPets();
        try
        {
            var file = Path.Combine(folder, "_annotations.json");
            var before = File.ReadAllBytes(file);
            var run = Invoke("fix", file, "--dry-run");
            Assert.Equal(0, run.ExitCode);
            Assert.Contains("fixed CA2002", run.Output);
            Assert.Contains("would apply 4 fixes", run.Output);
            Assert.Equal(before, File.ReadAllBytes(file));
        }
        finally { Directory.Delete(folder, true); }
    }

    [Theory]
    [InlineData("""{"version": "1.0", "type": "localization", "labels": ["cat"], "annotations": {"a.jpg": [{"x": 1.5 "y": 0.1, "x2": 0.5, "y2": 0.4, "label": "cat"}]}}""", "does not parse completely")]
    [InlineData("""{"version": "1.0", "type": "localization", "labels": ["cat"], "annotations": {"a.jpg": [{"x": 1.5, "y": 0.1, "x2": 0.5, "y2": 0.4, "label": "cat"}]""", "does not parse completely")]
    [InlineData("""{"version": "v2", "labels": {"l1": {"name": "cat"}}, "annotations": {"i1": {"a1": {"x": 1.5, "label": "l1"}}}}""", "unsupported format version")]
    public void A_file_it_cannot_read_completely_is_never_rewritten(string content, string reason)
    {
        var folder = Directory.CreateTempSubdirectory().FullName;
        try
        {
            var file = Path.Combine(folder, "_annotations.json");
            File.WriteAllText(file, content);
            var before = File.ReadAllBytes(file);
            var run = Invoke("fix", file);
            Assert.Equal(2, run.ExitCode);
            Assert.Contains(reason, run.Error);
            Assert.Matches(@"^.*_annotations\.json:\d+:\d+: error: cannot fix", run.Error);
            Assert.Equal(before, File.ReadAllBytes(file));
            Assert.Single(Directory.GetFiles(folder));
        }
        finally { Directory.Delete(folder, true); }
    }

    [Fact]
    public void Invalid_utf8_is_refused_too()
    {
        var folder = Directory.CreateTempSubdirectory().FullName;
        try
        {
            var file = Path.Combine(folder, "_annotations.json");
            byte[] bytes = [.. """{"version": "1.0", "type": "localization", "labels": ["c"""u8.ToArray(), 0xC3, 0x28, .. """t"], "annotations": {}}"""u8.ToArray()];
            File.WriteAllBytes(file, bytes);
            var run = Invoke("fix", file);
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("UTF-8", run.Error);
            Assert.Equal(bytes, File.ReadAllBytes(file));
        }
        finally { Directory.Delete(folder, true); }
    }

    [Fact]
    public void Byte_order_mark_and_line_endings_survive_a_fix()
    {
        var folder = Directory.CreateTempSubdirectory().FullName;
        try
        {
            var file = Path.Combine(folder, "_annotations.json");
            var text = "{\r\n  \"version\": \"1.0\",\r\n  \"type\": \"localization\",\r\n  \"labels\": [\"cat\"],\r\n  \"annotations\": {\r\n    \"a.jpg\": [{\"x\": 0.1, \"y\": 0.1, \"x2\": 1.7, \"y2\": 0.5, \"label\": \"cat\"}]\r\n  }\r\n}\r\n";
            File.WriteAllBytes(file, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)]);
            var run = Invoke("fix", file);
            Assert.Equal(0, run.ExitCode);
            var written = File.ReadAllBytes(file);
            Assert.Equal([0xEF, 0xBB, 0xBF], written[..3]);
            Assert.Equal(text.Replace("1.7", "1"), Encoding.UTF8.GetString(written[3..]));
        }
        finally { Directory.Delete(folder, true); }
    }

    [Fact]
    public void Missing_path_exits_2()
    {
        var run = Invoke("fix", Path.Combine(Path.GetTempPath(), $"none-{Guid.NewGuid():N}"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no such file or folder", run.Error);
    }
}
