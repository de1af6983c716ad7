using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Tests.E2e.Support;

namespace HvWeb.Tests.E2e.Display;

/// <summary>One tiny generation 1 guest booted to its shell on the real engine, shared by a test class; turned off afterwards.</summary>
public sealed class BootedGuestFixture : IAsyncLifetime
{
    private static readonly TimeSpan Boot = TimeSpan.FromSeconds(90);
    private readonly TempFolder _data = new("hvweb-e2e-display-");

    public EngineHost Host { get; private set; } = default!;

    public VmSnapshot Vm { get; private set; } = default!;

    public SerialLog Serial { get; private set; } = default!;

    public string VncSocket => Host.Manager.GetVncSocket(Vm.Id) ?? throw new InvalidOperationException("The guest is not running.");

    public async Task InitializeAsync()
    {
        Host = await EngineHost.StartAsync(_data.Path);
        Vm = await Host.Manager.CreateAsync(new VmCreateRequest
        {
            Name = "display01",
            Generation = VmGeneration.One,
            MemoryStartupMb = 256,
            CopyDiskFrom = GuestImages.TinyBios,
        });
        Serial = new SerialLog(VmPaths.SerialLogFile(Vm.Definition));
        await Host.Manager.StartAsync(Vm.Id);
        await Serial.WaitForAsync(SerialLog.ReadyMarker, 0, Boot);
    }

    public async Task DisposeAsync()
    {
        try
        {
            await Host.Manager.TurnOffAsync(Vm.Id);
        }
        finally
        {
            await Host.DisposeAsync();
            _data.Dispose();
        }
    }
}
