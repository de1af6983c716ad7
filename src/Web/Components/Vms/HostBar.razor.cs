using HvWeb.Engine.Host;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace HvWeb.Web.Components.Vms;

/// <summary>The host's name, how guests run (KVM or TCG, with the reason as a tooltip) and QEMU's version.</summary>
public partial class HostBar
{
    [Parameter, EditorRequired]
    public HostInfo Host { get; set; } = default!;

    private Color AcceleratorColor => Host.Accelerator == Accelerator.Kvm ? Color.Success : Color.Warning;
}
