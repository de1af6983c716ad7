namespace HvWeb.Engine.Vms.Settings;

/// <summary>What the rules need to know about the host.</summary>
/// <param name="Processors">Logical processors (the most virtual processors a VM may have).</param>
/// <param name="MemoryMb">Physical memory (the most startup memory a VM may have).</param>
/// <param name="SwitchExists">Whether a virtual switch of this name exists (the host's switch list).</param>
public sealed record HostLimits(int Processors, long MemoryMb, Func<string, bool> SwitchExists)
{
    public HostLimits(int processors, long memoryMb)
        : this(processors, memoryMb, _ => false)
    {
    }
}
