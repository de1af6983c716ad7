using HvWeb.Display.Rfb;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Vms;
using HvWeb.Tests.E2e.Support;
using Xunit.Abstractions;

namespace HvWeb.Tests.E2e.Display;

/// <summary>A display connected from power-on: firmware screen, mode changes, the guest's console.</summary>
public sealed class RfbQemuBootTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Connect_FromPowerOn_FollowsModeChangesToTheShell()
    {
        using var data = new TempFolder("hvweb-e2e-display-boot-");
        var host = await EngineHost.StartAsync(data.Path);
        await using var _ = host;
        var vm = await host.Manager.CreateAsync(new VmCreateRequest
        {
            Name = "boot01",
            Generation = VmGeneration.One,
            MemoryStartupMb = 256,
            CopyDiskFrom = GuestImages.TinyBios,
        });
        try
        {
            // Connect while QEMU waits for "cont" (the start reports "Resuming" just before it), so
            // the firmware's first mode is seen even on a loaded machine. The engine reports
            // progress synchronously: blocking here holds the start until the client is connected.
            Stream? stream = null;
            RfbClient? connected = null;
            await host.Manager.StartAsync(vm.Id, new InlineProgress(p =>
            {
                if (p.Step == "Resuming")
                {
                    stream = HvWeb.Display.DisplaySource.UnixSocket(host.Manager.GetVncSocket(vm.Id)!)(CancellationToken.None).GetAwaiter().GetResult();
                    connected = RfbClient.ConnectAsync(stream, new RfbClientOptions(), CancellationToken.None).GetAwaiter().GetResult();
                }
            }));
            await using var _stream = stream ?? throw new InvalidOperationException("the start never reported 'Resuming'");
            await using var client = connected!;
            var sink = new RecordingSink();
            using var stop = new CancellationTokenSource();
            var run = client.RunAsync(sink, stop.Token);

            await new SerialLog(VmPaths.SerialLogFile(vm.Definition)).WaitForAsync(SerialLog.ReadyMarker, 0, TimeSpan.FromSeconds(90));
            // The shell's prompt comes after READY: compare with fresh screendumps until they agree.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var different = 1.0;
            while (clock.Elapsed < TimeSpan.FromSeconds(20))
            {
                var dump = PngImage.Decode(await host.Manager.ScreenshotPngAsync(vm.Id));
                await Task.Delay(300);
                if ((different = ScreenComparison.DifferentShare(sink.Framebuffer, dump)) <= 0.002)
                {
                    break;
                }
            }

            output.WriteLine($"sizes: {string.Join(" → ", sink.Sizes.Select(s => $"{s.Width}x{s.Height}"))}; updates {sink.Updates}");
            Assert.True(sink.Sizes.Count >= 2, $"no mode change seen: {string.Join(", ", sink.Sizes)}");
            Assert.Equal((720, 400), sink.Sizes[^1]);
            Assert.True(different <= 0.002, $"{different:P2} differs from the screendump at the shell");
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        }
        finally
        {
            await host.Manager.TurnOffAsync(vm.Id);
        }
    }

    private sealed class InlineProgress(Action<OperationProgress> report) : IProgress<OperationProgress>
    {
        public void Report(OperationProgress value) => report(value);
    }
}
