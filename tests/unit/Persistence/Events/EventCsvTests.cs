using System.Text;
using HvWeb.Engine.Events;
using HvWeb.Persistence.Events;

namespace HvWeb.Tests.Unit.Persistence.Events;

public sealed class EventCsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData(" padded ", "\" padded \"")]
    [InlineData("VM 'web01' was started (Tcg).", "VM 'web01' was started (Tcg).")]
    public void Field_SpecialCharacters_QuotedAsRfc4180(string value, string expected) =>
        Assert.Equal(expected, EventCsv.Field(value));

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    public void Field_StartsLikeAFormula_GetsApostrophe(string value, string expected) =>
        Assert.Equal(expected, EventCsv.Field(value));

    [Fact]
    public void Line_FullEvent_AllColumnsInOrderWithCrLf()
    {
        var entry = new HostEvent
        {
            Id = 42,
            TimeUtc = new DateTimeOffset(2026, 11, 25, 15, 30, 5, 120, TimeSpan.FromHours(1)),
            Level = EventLevel.Error,
            Source = HostEvent.WorkerSource,
            VmId = Guid.Parse("6f1c9a54-1a43-4c5e-9a51-0d6f3b1f0a01"),
            VmName = "web, 01",
            Message = "VM 'web, 01' could not start: qemu said \"no\"",
        };

        Assert.Equal(
            "Error,2026-11-25 14:30:05.120,Hyper-V-Worker,\"web, 01\",6f1c9a54-1a43-4c5e-9a51-0d6f3b1f0a01,"
            + "\"VM 'web, 01' could not start: qemu said \"\"no\"\"\",42\r\n",
            EventCsv.Line(entry));
    }

    [Fact]
    public void Line_HostEvent_EmptyVmColumns()
    {
        var entry = new HostEvent { Id = 1, TimeUtc = DateTimeOffset.UnixEpoch, Level = EventLevel.Information, Source = "Hyper-V-VMMS", Message = "Started." };

        Assert.Equal("Information,1970-01-01 00:00:00.000,Hyper-V-VMMS,,,Started.,1\r\n", EventCsv.Line(entry));
    }

    [Fact]
    public async Task WriteAsync_Events_BomHeaderThenOneLineEach()
    {
        var events = new[]
        {
            new HostEvent { Id = 2, TimeUtc = DateTimeOffset.UnixEpoch, Level = EventLevel.Warning, Source = "s", Message = "ünïcode" },
            new HostEvent { Id = 1, TimeUtc = DateTimeOffset.UnixEpoch, Level = EventLevel.Information, Source = "s", Message = "b" },
        };
        using var stream = new MemoryStream();

        await EventCsv.WriteAsync(events.ToAsyncEnumerable(), stream);

        var bytes = stream.ToArray();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes.Take(3).ToArray());
        var text = Encoding.UTF8.GetString(bytes.AsSpan(3));
        var lines = text.Split("\r\n");
        Assert.Equal("Level,Date and Time (UTC),Source,VM,VM ID,Message,Event ID", lines[0]);
        Assert.Equal("Warning,1970-01-01 00:00:00.000,s,,,ünïcode,2", lines[1]);
        Assert.Equal("Information,1970-01-01 00:00:00.000,s,,,b,1", lines[2]);
        Assert.Equal("", lines[3]);
        Assert.Equal(4, lines.Length);
    }
}
