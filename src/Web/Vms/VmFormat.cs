using System.Globalization;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;

namespace HvWeb.Web.Vms;

/// <summary>How Hyper-V Manager shows figures: blank when a VM is off, uptime as d.hh:mm:ss.</summary>
public static class VmFormat
{
    public static string Uptime(VmSnapshot vm)
    {
        if (vm.UptimeSeconds <= 0 && !IsLive(vm.State))
        {
            return "";
        }

        var time = TimeSpan.FromSeconds(vm.UptimeSeconds);
        return string.Create(CultureInfo.InvariantCulture, $"{time.Days}.{time.Hours:00}:{time.Minutes:00}:{time.Seconds:00}");
    }

    public static string CpuUsage(VmSnapshot vm) =>
        IsLive(vm.State) ? string.Create(CultureInfo.InvariantCulture, $"{Math.Round(vm.CpuUsagePercent):0} %") : "";

    public static string AssignedMemory(VmSnapshot vm) =>
        vm.MemoryAssignedMb > 0 ? string.Create(CultureInfo.InvariantCulture, $"{vm.MemoryAssignedMb} MB") : "";

    public static string Accelerator(HostInfo host) => host.Accelerator switch
    {
        Engine.Host.Accelerator.Kvm => "KVM",
        Engine.Host.Accelerator.Tcg => "TCG (software emulation)",
    };

    /// <summary>States in which a QEMU process runs the guest.</summary>
    private static bool IsLive(VmState state) => state switch
    {
        VmState.Running or VmState.Paused or VmState.Starting or VmState.Stopping or VmState.Saving or VmState.Resetting => true,
        VmState.Off or VmState.Saved => false,
    };
}
