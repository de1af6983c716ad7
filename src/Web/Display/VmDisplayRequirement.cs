using Microsoft.AspNetCore.Authorization;

namespace HvWeb.Web.Display;

/// <summary>Access to one VM's screen: to watch it, or also to control it.</summary>
public sealed class VmDisplayRequirement(bool control) : IAuthorizationRequirement
{
    public bool Control { get; } = control;
}
