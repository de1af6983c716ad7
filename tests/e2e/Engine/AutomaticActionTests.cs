using HvWeb.Engine.Events;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Tests.E2e.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HvWeb.Tests.E2e.Engine;

/// <summary>Hyper-V's automatic stop action (on host shutdown) and automatic start action (on host start).</summary>
public sealed class AutomaticActionTests
{
    [Fact]
    public async Task StopActionSave_ThenStartIfRunning_VmComesBackRunningFromSavedState()
    {
        using var data = new TempFolder();
        Guid id;
        VmDefinition definition;
        // A console that applies the stop actions when it exits (as in a container, or a host shutdown).
        await using (var first = await EngineHost.StartAsync(data.Path, o => o.ApplyStopActionsOnExit = true))
        {
            var vm = await first.Manager.CreateAsync(new VmCreateRequest
            {
                Name = "auto",
                Generation = VmGeneration.One,
                MemoryStartupMb = 128,
                CopyDiskFrom = GuestImages.TinyBios,
                AutomaticStopAction = AutomaticStopAction.Save,
                AutomaticStartAction = AutomaticStartAction.StartIfRunning,
            });
            id = vm.Id;
            definition = vm.Definition;
            await first.Manager.StartAsync(id);
        }

        Assert.True(File.Exists(VmPaths.SavedStateFile(definition)), "the stop action did not save the VM");

        await using var second = await EngineHost.StartAsync(data.Path);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (second.Manager.Get(id).State != VmState.Running)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                var events = await second.Services.GetRequiredService<IEventLog>().QueryAsync(new EventQuery { VmId = id });
                Assert.Fail($"VM is {second.Manager.Get(id).State}; the automatic start action did not start it. Events:\n{string.Join("\n", events.Select(e => $"{e.TimeUtc:HH:mm:ss.fff} {e.Level} {e.Message}"))}");
            }

            await Task.Delay(100);
        }

        Assert.False(second.Manager.Get(id).Definition.WasRunningAtHostStop);
        await second.Manager.TurnOffAsync(id);
    }

    [Fact]
    public async Task StartActionNothing_VmStaysOff()
    {
        using var data = new TempFolder();
        Guid id;
        await using (var first = await EngineHost.StartAsync(data.Path, o => o.ApplyStopActionsOnExit = true))
        {
            var vm = await first.Manager.CreateAsync(new VmCreateRequest
            {
                Name = "manual",
                Generation = VmGeneration.One,
                MemoryStartupMb = 128,
                CopyDiskFrom = GuestImages.TinyBios,
                AutomaticStopAction = AutomaticStopAction.TurnOff,
                AutomaticStartAction = AutomaticStartAction.Nothing,
            });
            id = vm.Id;
            await first.Manager.StartAsync(id);
        }

        await using var second = await EngineHost.StartAsync(data.Path);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(VmState.Off, second.Manager.Get(id).State);
    }
}
