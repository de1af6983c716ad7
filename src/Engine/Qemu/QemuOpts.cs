namespace HvWeb.Engine.Qemu;

/// <summary>
/// QEMU's "key=value,key=value" option syntax (QemuOpts). A value may contain a comma only when it
/// is doubled: <c>logfile=/vms/a,,b/serial.log</c> names <c>/vms/a,b/serial.log</c>.
/// Options taking a bare file name (<c>-pidfile</c>, <c>-D</c>) are not QemuOpts and are passed as they are;
/// <c>-blockdev</c> and <c>-device</c> use JSON and need no escaping at all.
/// </summary>
public static class QemuOpts
{
    public static string Escape(string value) => value.Replace(",", ",,", StringComparison.Ordinal);
}
