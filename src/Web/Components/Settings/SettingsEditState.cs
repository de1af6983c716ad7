using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Vms;

namespace HvWeb.Web.Components.Settings;

/// <summary>
/// The Settings dialog's working state: the VM as loaded, the form being edited, what the engine's
/// <see cref="IVmManager.CheckUpdate"/> says about the edited request (field → sentences), and the
/// settings the VM's current state does not allow to change (field → the engine's reason).
/// </summary>
public sealed class SettingsEditState
{
    private static readonly IReadOnlyDictionary<string, string[]> None = new Dictionary<string, string[]>();
    private readonly IVmManager _vms;

    public SettingsEditState(IVmManager vms, VmSnapshot vm)
    {
        _vms = vms;
        Reload(vm);
    }

    public VmDefinition Original { get; private set; } = default!;
    public VmState VmState { get; private set; }
    public SettingsForm Form { get; private set; } = default!;
    public HostInfo Host => _vms.Host;
    public Guid VmId => Original.Id;
    public IReadOnlyList<SettingsNode> Nodes { get; private set; } = [];
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = None;
    public IReadOnlyDictionary<string, string> Locks { get; private set; } = new Dictionary<string, string>();
    public VmUpdateRequest Request { get; private set; } = new();
    public bool HasChanges => Request != new VmUpdateRequest();
    public bool HasErrors => Errors.Count > 0;

    /// <summary>Called by the pages after every edit: the editor re-checks and re-renders.</summary>
    public Action? OnChanged { get; set; }

    public void Changed() => OnChanged?.Invoke();

    /// <summary>Starts again from the VM as it is now (after Apply, or when opened).</summary>
    public void Reload(VmSnapshot vm)
    {
        Original = vm.Definition;
        VmState = vm.State;
        Form = SettingsForm.From(vm.Definition);
        Locks = SettingsLockProbe.Probe(_vms, vm);
        Recheck();
    }

    /// <summary>Builds the request from the form and asks the engine what it would refuse.</summary>
    public void Recheck()
    {
        Request = Form.ToRequest(Original);
        var errors = new Dictionary<string, string[]>(Form.LocalErrors());
        if (HasChanges)
        {
            foreach (var (field, sentences) in _vms.CheckUpdate(VmId, Request))
            {
                errors[field] = errors.TryGetValue(field, out var local) ? [.. local, .. sentences] : sentences;
            }
        }

        Errors = errors;
        Nodes = SettingsTree.Build(Form);
    }

    /// <summary>The server refused Apply with these (a race with a state change, or a rule only the server checks).</summary>
    public void ShowRefusal(IReadOnlyDictionary<string, string[]> errors) => Errors = errors;

    /// <summary>The sentences for exactly this field (shown under its control), or null.</summary>
    public string? Error(string field) =>
        Errors.Where(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)).SelectMany(e => e.Value).ToList() is { Count: > 0 } list
            ? string.Join(" ", list) : null;

    public bool HasError(string field) => Error(field) is not null;

    /// <summary>Why this field cannot change in the VM's current state, or null when it can.</summary>
    public string? Locked(string field) => Locks.GetValueOrDefault(field);

    public bool IsLocked(string field) => Locks.ContainsKey(field);

    /// <summary>Problems on a page that no single control shows (e.g. about a whole list).</summary>
    public IEnumerable<string> PageErrors(SettingsNode node) =>
        Errors.Where(e => node.Owns(e.Key) && !SettingsFieldKeys.IsShownByControl(e.Key)).SelectMany(e => e.Value);

    /// <summary>Problems no page owns (shown above the pages).</summary>
    public IEnumerable<string> UnplacedErrors() =>
        Errors.Where(e => !Nodes.Any(n => n.Owns(e.Key))).SelectMany(e => e.Value.Select(s => $"{e.Key}: {s}"));

    public bool NodeHasErrors(SettingsNode node) => !node.IsHeading && Errors.Keys.Any(node.Owns);
}
