using HvWeb.Engine.Host;
using HvWeb.Engine.Model;

namespace HvWeb.Engine.Qemu;

/// <summary>
/// The memory balloon (always present, so dynamic memory can work and the assigned memory can be
/// read) and the guest agent's virtio-serial channel (when an integration service that uses it is
/// on: shutdown, time synchronization, data exchange, heartbeat, backup, guest services).
/// </summary>
internal static class IntegrationArguments
{
    public const string BalloonId = "balloon0";
    public const string GuestAgentPort = "org.qemu.guest_agent.0";

    public static void Add(List<string> args, VmDefinition vm, QemuLaunchContext context)
    {
        args.AddRange(["-device", QemuJson.Object(("driver", "virtio-balloon-pci"), ("id", BalloonId))]);
        if (!UsesGuestAgent(vm.IntegrationServices))
        {
            return;
        }

        var socket = QemuOpts.Escape(VmPaths.GuestAgentSocket(context.SocketFolder));
        args.AddRange(["-chardev", $"socket,id=qga0,path={socket},server=on,wait=off"]);
        args.AddRange(["-device", QemuJson.Object(("driver", "virtio-serial-pci"), ("id", "vserial0"))]);
        args.AddRange(["-device", QemuJson.Object(("driver", "virtserialport"), ("bus", "vserial0.0"), ("chardev", "qga0"), ("name", GuestAgentPort), ("id", "qga0-port"))]);
    }

    public static bool UsesGuestAgent(IntegrationServices services) =>
        services.OperatingSystemShutdown || services.TimeSynchronization || services.DataExchange
        || services.Heartbeat || services.Backup || services.GuestServices;
}
