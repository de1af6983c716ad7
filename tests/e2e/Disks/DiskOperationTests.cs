using HvWeb.Engine.Disks;
using HvWeb.Engine.Host;
using HvWeb.Engine.Vms;
using HvWeb.Tests.E2e.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HvWeb.Tests.E2e.Disks;

/// <summary>New Virtual Hard Disk and Edit Disk on real qemu-img: the files are clean, of their type, and keep their contents.</summary>
public sealed class DiskOperationTests : IAsyncLifetime
{
    private const long MiB = 1L << 20;
    private readonly TempFolder _data = new("hvweb-disks-e2e-");
    private EngineHost _host = default!;

    private IDiskService Disks => _host.Services.GetRequiredService<IDiskService>();

    public async Task InitializeAsync() => _host = await EngineHost.StartAsync(_data.Path);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
    }

    private string File(string name) => Path.Combine(_data.Path, "disks", name);

    private async Task<string> CreateAsync(string name, DiskFormat format, VirtualDiskType type, long? size = 64 * MiB, string? parent = null, string? copyFrom = null)
    {
        var path = File(name);
        await Disks.CreateAsync(new NewDiskRequest { Path = path, Format = format, Type = type, SizeBytes = size, ParentPath = parent, CopyFromPath = copyFrom },
            new RecordingProgress<OperationProgress>(), CancellationToken.None);
        return path;
    }

    private static async Task<ProcessResult> QemuAsync(string program, params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync(program, arguments, TimeSpan.FromMinutes(2), CancellationToken.None);
        return result;
    }

    private static async Task WritePatternAsync(string path, string format, int pattern, long offset)
    {
        var result = await QemuAsync("qemu-io", "-f", format, "-c", $"write -P {pattern} {offset} 1M", path);
        Assert.True(result.ExitCode == 0, result.StandardError + result.StandardOutput);
    }

    private static async Task AssertSameContentAsync(string a, string aFormat, string b, string bFormat)
    {
        var compare = await QemuAsync("qemu-img", "compare", "-f", aFormat, "-F", bFormat, a, b);
        Assert.True(compare.ExitCode == 0, $"qemu-img compare {a} {b}: {compare.StandardOutput} {compare.StandardError}");
    }

    [Fact]
    public async Task Create_FixedDynamicDifferencing_AreCleanAndInspectAsTheirType()
    {
        var cases = new (string Name, DiskFormat Format, VirtualDiskType Type)[]
        {
            ("fixed.vhdx", DiskFormat.Vhdx, VirtualDiskType.Fixed),
            ("dynamic.vhdx", DiskFormat.Vhdx, VirtualDiskType.Dynamic),
            ("fixed.vhd", DiskFormat.Vhd, VirtualDiskType.Fixed),
            ("dynamic.vhd", DiskFormat.Vhd, VirtualDiskType.Dynamic),
            ("fixed.qcow2", DiskFormat.Qcow2, VirtualDiskType.Fixed),
            ("dynamic.qcow2", DiskFormat.Qcow2, VirtualDiskType.Dynamic),
        };
        foreach (var (name, format, type) in cases)
        {
            var path = await CreateAsync(name, format, type);
            var details = await Disks.InspectAsync(path, CancellationToken.None);
            Assert.Equal((format, type, 64 * MiB), (details.Format!.Value, details.Type, details.MaximumSizeBytes));
            Assert.Empty(details.Parents);
            await AssertCleanAsync(path, DiskFormats.QemuName(format));
            Assert.False(System.IO.File.Exists(path + ".partial"));
        }

        // Differencing disks over a VHDX and a VHD parent (QEMU writes them as qcow2).
        foreach (var parent in new[] { File("dynamic.vhdx"), File("fixed.vhd") })
        {
            var child = await CreateAsync(Path.GetFileNameWithoutExtension(parent) + "-child.qcow2", DiskFormat.Qcow2, VirtualDiskType.Differencing, size: null, parent: parent);
            var details = await Disks.InspectAsync(child, CancellationToken.None);
            Assert.Equal(VirtualDiskType.Differencing, details.Type);
            Assert.Equal(parent, Assert.Single(details.Parents).Path);
            Assert.Equal(64 * MiB, details.MaximumSizeBytes);
            await AssertCleanAsync(child, "qcow2");
        }
    }

    /// <summary>qemu-img check for the formats that have one (VHD has none: "This image format does not support checks"); qemu-img info must read every disk.</summary>
    private static async Task AssertCleanAsync(string path, string format)
    {
        var info = await QemuAsync("qemu-img", "info", "-f", format, path);
        Assert.True(info.ExitCode == 0, info.StandardError);
        if (format != "vpc")
        {
            var check = await QemuAsync("qemu-img", "check", "-f", format, path);
            Assert.True(check.ExitCode == 0, $"qemu-img check {path}: {check.StandardOutput} {check.StandardError}");
            Assert.Contains("No errors were found", check.StandardOutput, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Convert_VhdxToQcow2ToVhd_KeepsTheContentWithProgress()
    {
        var vhdx = await CreateAsync("source.vhdx", DiskFormat.Vhdx, VirtualDiskType.Dynamic);
        await WritePatternAsync(vhdx, "vhdx", 0xab, 0);
        await WritePatternAsync(vhdx, "vhdx", 0x5c, 40 * MiB);

        var qcow2 = File("middle.qcow2");
        var progress = new RecordingProgress<OperationProgress>();
        await Disks.EditAsync(new EditDiskRequest { Path = vhdx, Action = DiskAction.Convert, DestinationPath = qcow2, Format = DiskFormat.Qcow2, Type = VirtualDiskType.Dynamic },
            progress, CancellationToken.None);
        var vhd = File("out.vhd");
        await Disks.EditAsync(new EditDiskRequest { Path = qcow2, Action = DiskAction.Convert, DestinationPath = vhd, Format = DiskFormat.Vhd, Type = VirtualDiskType.Fixed },
            new RecordingProgress<OperationProgress>(), CancellationToken.None);

        await AssertSameContentAsync(vhdx, "vhdx", qcow2, "qcow2");
        await AssertSameContentAsync(vhdx, "vhdx", vhd, "vpc");
        Assert.True(System.IO.File.Exists(vhdx), "the source of a conversion stays");
        Assert.Equal(VirtualDiskType.Fixed, (await Disks.InspectAsync(vhd, CancellationToken.None)).Type);
        Assert.Contains(progress.Reports, p => p.Step.StartsWith("Converting source.vhdx", StringComparison.Ordinal));
        Assert.Equal(100, progress.Reports[^1].Percent);
    }

    [Fact]
    public async Task CreateByCopying_AndCompact_KeepTheContent()
    {
        var source = await CreateAsync("copy-source.qcow2", DiskFormat.Qcow2, VirtualDiskType.Dynamic);
        await WritePatternAsync(source, "qcow2", 0x11, 8 * MiB);
        var copy = await CreateAsync("copy.vhdx", DiskFormat.Vhdx, VirtualDiskType.Dynamic, size: null, copyFrom: source);
        await AssertSameContentAsync(source, "qcow2", copy, "vhdx");

        // Zeroes written over data: compacting gives the space back and the contents stay.
        await WritePatternAsync(copy, "vhdx", 0x22, 20 * MiB);
        await Disks.EditAsync(new EditDiskRequest { Path = copy, Action = DiskAction.Compact }, new RecordingProgress<OperationProgress>(), CancellationToken.None);
        var after = await Disks.InspectAsync(copy, CancellationToken.None);
        Assert.Equal((DiskFormat.Vhdx, VirtualDiskType.Dynamic), (after.Format!.Value, after.Type));
        await AssertCleanAsync(copy, "vhdx");
        var check = await QemuAsync("qemu-io", "-f", "vhdx", "-c", "read -P 0x22 20M 1M", "-c", "read -P 0x11 8M 1M", copy);
        Assert.DoesNotContain("Pattern verification failed", check.StandardOutput, StringComparison.Ordinal);
        Assert.False(System.IO.File.Exists(copy + ".partial"));
    }

    [Fact]
    public async Task Expand_VhdxVhdAndQcow2_GrowAndKeepTheContent()
    {
        foreach (var (name, format) in new[] { ("grow.vhdx", DiskFormat.Vhdx), ("grow.vhd", DiskFormat.Vhd), ("grow.qcow2", DiskFormat.Qcow2) })
        {
            var path = await CreateAsync(name, format, VirtualDiskType.Dynamic);
            var qemuFormat = DiskFormats.QemuName(format);
            await WritePatternAsync(path, qemuFormat, 0x33, 63 * MiB);
            await Disks.EditAsync(new EditDiskRequest { Path = path, Action = DiskAction.Expand, NewSizeBytes = 128 * MiB }, new RecordingProgress<OperationProgress>(), CancellationToken.None);

            Assert.Equal(128 * MiB, (await Disks.InspectAsync(path, CancellationToken.None)).MaximumSizeBytes);
            var read = await QemuAsync("qemu-io", "-f", qemuFormat, "-c", "read -P 0x33 63M 1M", path);
            Assert.DoesNotContain("Pattern verification failed", read.StandardOutput, StringComparison.Ordinal);
            await AssertCleanAsync(path, qemuFormat);
        }
    }

    [Fact]
    public async Task Shrink_Qcow2_NotBelowItsData()
    {
        var path = await CreateAsync("shrink.qcow2", DiskFormat.Qcow2, VirtualDiskType.Dynamic);
        await WritePatternAsync(path, "qcow2", 0x44, 20 * MiB);

        var refused = await Assert.ThrowsAsync<HvWeb.Engine.Errors.VmValidationException>(() => Disks.EditAsync(
            new EditDiskRequest { Path = path, Action = DiskAction.Shrink, NewSizeBytes = 16 * MiB }, new RecordingProgress<OperationProgress>(), CancellationToken.None));
        Assert.Contains("cannot be shrunk below 21 MB", refused.Errors["newSizeBytes"][0], StringComparison.Ordinal);

        await Disks.EditAsync(new EditDiskRequest { Path = path, Action = DiskAction.Shrink, NewSizeBytes = 32 * MiB }, new RecordingProgress<OperationProgress>(), CancellationToken.None);
        Assert.Equal(32 * MiB, (await Disks.InspectAsync(path, CancellationToken.None)).MaximumSizeBytes);
        var read = await QemuAsync("qemu-io", "-f", "qcow2", "-c", "read -P 0x44 20M 1M", path);
        Assert.DoesNotContain("Pattern verification failed", read.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merge_IntoParentAndIntoANewDisk_AndReconnectAfterTheParentMoved()
    {
        var parent = await CreateAsync("base.vhdx", DiskFormat.Vhdx, VirtualDiskType.Dynamic);
        await WritePatternAsync(parent, "vhdx", 0x01, 0);
        var child = await CreateAsync("child.qcow2", DiskFormat.Qcow2, VirtualDiskType.Differencing, size: null, parent: parent);
        await WritePatternAsync(child, "qcow2", 0x02, 10 * MiB);

        // Into a new disk: the chain stays.
        var merged = File("merged.vhd");
        await Disks.EditAsync(new EditDiskRequest { Path = child, Action = DiskAction.Merge, DestinationPath = merged, Type = VirtualDiskType.Dynamic },
            new RecordingProgress<OperationProgress>(), CancellationToken.None);
        await AssertSameContentAsync(child, "qcow2", merged, "vpc");

        // The parent moves: the child is offered only Reconnect, then reads the same data again.
        var moved = Path.Combine(_data.Path, "elsewhere", "base.vhdx");
        Directory.CreateDirectory(Path.GetDirectoryName(moved)!);
        System.IO.File.Move(parent, moved);
        var broken = await Disks.InspectAsync(child, CancellationToken.None);
        Assert.False(Assert.Single(broken.Parents).Exists);
        Assert.Equal([DiskAction.Reconnect], broken.Actions.Where(a => a.Available).Select(a => a.Action));
        await Disks.EditAsync(new EditDiskRequest { Path = child, Action = DiskAction.Reconnect, ParentPath = moved }, new RecordingProgress<OperationProgress>(), CancellationToken.None);
        Assert.Equal(moved, Assert.Single((await Disks.InspectAsync(child, CancellationToken.None)).Parents).Path);
        await AssertSameContentAsync(child, "qcow2", merged, "vpc");

        // Into the parent: the parent now holds the child's data.
        var progress = new RecordingProgress<OperationProgress>();
        await Disks.EditAsync(new EditDiskRequest { Path = child, Action = DiskAction.Merge }, progress, CancellationToken.None);
        await AssertSameContentAsync(moved, "vhdx", merged, "vpc");
        await AssertCleanAsync(moved, "vhdx");
        Assert.Contains(progress.Reports, p => p.Step == "Merging child.qcow2 into base.vhdx");
    }

    [Fact]
    public async Task Convert_CancelledMidway_LeavesNoPartialFile()
    {
        // Fixed and full of data so that qemu-img takes seconds (a few hundred MB/s here).
        var source = await CreateAsync("big.qcow2", DiskFormat.Qcow2, VirtualDiskType.Fixed, size: 3072 * MiB);
        var destination = File("big-copy.vhdx");
        var progress = new RecordingProgress<OperationProgress>();
        using var cancel = new CancellationTokenSource();
        var convert = Disks.EditAsync(new EditDiskRequest { Path = source, Action = DiskAction.Convert, DestinationPath = destination, Format = DiskFormat.Vhdx, Type = VirtualDiskType.Fixed },
            progress, cancel.Token);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!progress.Reports.Any(p => p.Percent > 0) && !convert.IsCompleted && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(20);
        }

        Assert.False(convert.IsCompleted, "the conversion ended before the test could cancel it");
        Assert.True(System.IO.File.Exists(destination + ".partial"), "qemu-img writes the .partial file");
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => convert);
        Assert.False(System.IO.File.Exists(destination + ".partial"), "the cancelled conversion left its partial file");
        Assert.False(System.IO.File.Exists(destination));
        Assert.True(System.IO.File.Exists(source));
    }
}
