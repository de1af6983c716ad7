namespace HvWeb.Engine.Qemu;

/// <summary>QEMU names of network adapter N (its place in the VM's list): device <c>net0</c>, <c>net1</c>…</summary>
public static class NetworkNames
{
    public static string Device(int adapterIndex) => $"net{adapterIndex}";

    /// <summary>The tap backend (<c>-netdev</c>) of a connected adapter: <c>hostnet0</c>, <c>hostnet1</c>…</summary>
    public static string Backend(int adapterIndex) => $"hostnet{adapterIndex}";
}
