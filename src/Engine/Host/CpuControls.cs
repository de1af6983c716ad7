using HvWeb.Engine.Model;

namespace HvWeb.Engine.Host;

/// <summary>
/// Processor limit and relative weight through cgroup v2: each VM's QEMU process moves into
/// <c>&lt;cgroup root&gt;/hvweb/&lt;VM-ID&gt;</c>, whose <c>cpu.max</c> is the limit (a share of the
/// VM's processors) and <c>cpu.weight</c> the relative weight (Hyper-V's 1–10000, default 100, is
/// cgroup's range and default). cgroup v2 has no CPU reservation, so the reserve is stored and
/// shown, never enforced. Where cgroup v2's cpu controller is not writable (cgroup v1, a read-only
/// container), nothing is enforced and <see cref="Reason"/> says why.
/// </summary>
public sealed class CpuControls
{
    /// <summary>cpu.max's period (100 ms, the kernel's default).</summary>
    private const int PeriodMicroseconds = 100_000;

    private readonly string _root;

    private CpuControls(string root, bool enforced, string reason)
    {
        _root = root;
        Enforced = enforced;
        Reason = reason;
    }

    public bool Enforced { get; }

    /// <summary>Why (not) enforced, in a sentence for the host page and the API.</summary>
    public string Reason { get; }

    public static CpuControls Probe(string cgroupRoot = "/sys/fs/cgroup")
    {
        var controllers = Path.Combine(cgroupRoot, "cgroup.controllers");
        if (!File.Exists(controllers))
        {
            return new(cgroupRoot, false, $"Processor limit and weight are not enforced on this host: {cgroupRoot} is not cgroup v2 (no cgroup.controllers).");
        }

        try
        {
            if (!File.ReadAllText(controllers).Split(' ', '\n').Contains("cpu"))
            {
                return new(cgroupRoot, false, "Processor limit and weight are not enforced on this host: cgroup v2's cpu controller is not available.");
            }

            var parent = Path.Combine(cgroupRoot, "hvweb");
            Directory.CreateDirectory(parent);
            File.WriteAllText(Path.Combine(cgroupRoot, "cgroup.subtree_control"), "+cpu");
            File.WriteAllText(Path.Combine(parent, "cgroup.subtree_control"), "+cpu");
            return new(cgroupRoot, true, "Processor limit and weight are enforced with cgroup v2 (cpu.max, cpu.weight); the reserve is not (cgroup v2 has no CPU reservation).");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new(cgroupRoot, false, $"Processor limit and weight are not enforced on this host: cgroup v2 is not writable here ({e.Message}).");
        }
    }

    /// <summary>cpu.max for a VM: limit % of its processors, or "max" at 100 %.</summary>
    public static string CpuMax(VmDefinition vm)
    {
        ArgumentNullException.ThrowIfNull(vm);
        if (vm.ProcessorLimitPercent >= 100)
        {
            return $"max {PeriodMicroseconds}";
        }

        var quota = (long)PeriodMicroseconds * vm.ProcessorCount * vm.ProcessorLimitPercent / 100;
        return $"{Math.Max(1000, quota)} {PeriodMicroseconds}";
    }

    /// <summary>Puts the VM's QEMU process in its cgroup and writes its limit and weight. False when not enforced here.</summary>
    public bool Apply(VmDefinition vm, int processId)
    {
        ArgumentNullException.ThrowIfNull(vm);
        if (!Enforced)
        {
            return false;
        }

        var group = Path.Combine(_root, "hvweb", vm.Id.ToString("D"));
        Directory.CreateDirectory(group);
        File.WriteAllText(Path.Combine(group, "cpu.max"), CpuMax(vm));
        File.WriteAllText(Path.Combine(group, "cpu.weight"), Math.Clamp(vm.ProcessorWeight, 1, 10000).ToString(System.Globalization.CultureInfo.InvariantCulture));
        File.WriteAllText(Path.Combine(group, "cgroup.procs"), processId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return true;
    }
}
