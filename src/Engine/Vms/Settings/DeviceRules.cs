using System.Text.RegularExpressions;
using HvWeb.Engine.Model;

namespace HvWeb.Engine.Vms.Settings;

/// <summary>Network adapters, COM ports, integration services and checkpoint settings.</summary>
internal static partial class DeviceRules
{
    /// <summary>Hyper-V 2016: up to 8 network adapters and 4 legacy network adapters.</summary>
    public const int MaxAdapters = 8;
    public const int MaxLegacyAdapters = 4;
    public const int MaxPipeNameLength = 40;
    public const string PipePrefix = @"\\.\pipe\";

    [GeneratedRegex("^[0-9A-F]{2}(-[0-9A-F]{2}){5}$", RegexOptions.IgnoreCase)]
    private static partial Regex MacPattern();

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex PipeNamePattern();

    public static void Check(VmDefinition vm, HostLimits host, FieldErrors errors)
    {
        CheckAdapters(vm, host, errors);
        CheckPipe(vm, vm.Com1PipeName, "com1PipeName", "COM 1", errors);
        CheckPipe(vm, vm.Com2PipeName, "com2PipeName", "COM 2", errors);
        if (vm.Com1PipeName is not null && vm.Com2PipeName is not null
            && string.Equals(PipeName(vm.Com1PipeName), PipeName(vm.Com2PipeName), StringComparison.Ordinal))
        {
            errors.Add("com2PipeName", "COM 1 and COM 2 cannot use the same named pipe.");
        }

        if (!Enum.IsDefined(vm.CheckpointType))
        {
            errors.Add("checkpointType", "The checkpoint type must be Production, ProductionOnly or Standard.");
        }
        else if (vm.CheckpointType != CheckpointType.Standard && vm.Version < VersionGates.ProductionCheckpoints)
        {
            errors.Add("checkpointType", VersionGates.Needs("Production checkpoints", VersionGates.ProductionCheckpoints, vm) + " Or choose Standard checkpoints.");
        }

        CheckFolder(vm.CheckpointFileLocation, "checkpointFileLocation", "The checkpoint file location", errors);
        CheckFolder(vm.SmartPagingFileLocation, "smartPagingFileLocation", "The smart paging file location", errors);
    }

    /// <summary>The pipe's own name: "\\.\pipe\web01-com1" and "web01-com1" are the same pipe.</summary>
    public static string PipeName(string pipe) =>
        pipe.StartsWith(PipePrefix, StringComparison.OrdinalIgnoreCase) ? pipe[PipePrefix.Length..] : pipe;

    private static void CheckAdapters(VmDefinition vm, HostLimits host, FieldErrors errors)
    {
        var adapters = vm.NetworkAdapters;
        if (adapters.Count(a => !a.Legacy) > MaxAdapters)
        {
            errors.Add("networkAdapters", $"A virtual machine has at most {MaxAdapters} network adapters.");
        }

        if (adapters.Count(a => a.Legacy) > MaxLegacyAdapters)
        {
            errors.Add("networkAdapters", $"A virtual machine has at most {MaxLegacyAdapters} legacy network adapters.");
        }

        var ids = new HashSet<Guid>();
        for (var i = 0; i < adapters.Count; i++)
        {
            var a = adapters[i];
            var field = $"networkAdapters[{i}]";
            if (!ids.Add(a.Id))
            {
                errors.Add($"{field}.id", "Two network adapters have the same ID.");
            }

            if (a.Legacy && vm.Generation == VmGeneration.Two)
            {
                errors.Add($"{field}.legacy", "Generation 2 virtual machines have no legacy network adapter; use a network adapter (it can boot from the network).");
            }

            if (a.SwitchName is { } name && !host.SwitchExists(name))
            {
                errors.Add($"{field}.switchName", $"Virtual switch '{name}' does not exist on this host; choose an existing virtual switch (Virtual Switch Manager) or Not Connected.");
            }

            if (a.VlanId is < 1 or > 4094)
            {
                errors.Add($"{field}.vlanId", "The VLAN ID must be between 1 and 4094.");
            }

            if (a.BandwidthMinimumMbps < 0 || a.BandwidthMaximumMbps < 0)
            {
                errors.Add($"{field}.bandwidthMaximumMbps", "Bandwidth cannot be negative.");
            }
            else if (a.BandwidthMaximumMbps > 0 && a.BandwidthMinimumMbps > a.BandwidthMaximumMbps)
            {
                errors.Add($"{field}.bandwidthMinimumMbps", $"The minimum bandwidth ({a.BandwidthMinimumMbps} Mbps) cannot be more than the maximum ({a.BandwidthMaximumMbps} Mbps).");
            }

            CheckMac(a, field, errors);
        }
    }

    private static void CheckMac(NetworkAdapterDefinition a, string field, FieldErrors errors)
    {
        if (a.StaticMacAddress && string.IsNullOrEmpty(a.MacAddress))
        {
            errors.Add($"{field}.macAddress", "A static MAC address needs an address, e.g. 00-15-5D-01-02-03.");
            return;
        }

        if (a.MacAddress is not { } mac)
        {
            return;
        }

        if (!MacPattern().IsMatch(mac))
        {
            errors.Add($"{field}.macAddress", $"'{mac}' is not a MAC address; type six pairs of hexadecimal digits separated by dashes, e.g. 00-15-5D-01-02-03.");
        }
        else if ((Convert.ToByte(mac[..2], 16) & 1) == 1)
        {
            errors.Add($"{field}.macAddress", $"'{mac}' is a multicast address; a network adapter needs a unicast address (the first byte even).");
        }
        else if (mac.Replace("-", "", StringComparison.Ordinal).All(c => c == '0'))
        {
            errors.Add($"{field}.macAddress", "00-00-00-00-00-00 is not a usable MAC address.");
        }
    }

    private static void CheckPipe(VmDefinition vm, string? pipe, string field, string port, FieldErrors errors)
    {
        if (pipe is null)
        {
            return;
        }

        if (vm.Generation == VmGeneration.Two)
        {
            errors.Add(field, $"{port} is a generation 1 setting in Hyper-V Manager; generation 2 virtual machines have no COM ports here.");
            return;
        }

        var name = PipeName(pipe);
        if (name.Length == 0 || name.Length > MaxPipeNameLength || !PipeNamePattern().IsMatch(name))
        {
            errors.Add(field, $"The named pipe of {port} must be 1 to {MaxPipeNameLength} letters, digits, dots, dashes or underscores (optionally after {PipePrefix}).");
        }
    }

    private static void CheckFolder(string? folder, string field, string label, FieldErrors errors)
    {
        if (folder is not null && !Path.IsPathFullyQualified(folder))
        {
            errors.Add(field, $"{label} '{folder}' must be an absolute folder path.");
        }
    }
}
