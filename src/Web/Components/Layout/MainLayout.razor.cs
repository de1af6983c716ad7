using HvWeb.Engine.Host;
using HvWeb.Engine.Vms;
using HvWeb.Web.Vms;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace HvWeb.Web.Components.Layout;

/// <summary>
/// The app bar, the navigation pane (Hyper-V Manager with this host, how it runs guests; Jobs,
/// Event Log) and the job notifications of every page.
/// </summary>
public partial class MainLayout
{
    [Inject] private IVmManager VmManager { get; set; } = default!;

    /// <summary>Open on wide screens; on narrow ones the drawer closes itself after a choice.</summary>
    private bool NavigationOpen { get; set; } = true;

    private HostInfo Host => VmManager.Host;

    private string HostName => Host.Name;

    private string AcceleratorText => Host.Accelerator == Accelerator.Kvm ? "KVM" : "TCG";

    private string AcceleratorReason => $"{VmFormat.Accelerator(Host)}: {Host.AcceleratorReason}";

    private Color AcceleratorColor => Host.Accelerator == Accelerator.Kvm ? Color.Success : Color.Warning;

    private void ToggleNavigation() => NavigationOpen = !NavigationOpen;
}
