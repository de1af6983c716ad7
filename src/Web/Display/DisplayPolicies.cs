namespace HvWeb.Web.Display;

/// <summary>Authorization policies of a VM's screen; the resource is the VM's ID.</summary>
public static class DisplayPolicies
{
    /// <summary>See the VM's screen.</summary>
    public const string View = "VmDisplayView";

    /// <summary>Type and click on the VM's screen; a viewer without it is read-only.</summary>
    public const string Control = "VmDisplayControl";
}
