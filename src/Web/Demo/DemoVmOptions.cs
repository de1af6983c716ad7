namespace HvWeb.Web.Demo;

/// <summary>Section "HvWeb:DemoVm".</summary>
public sealed class DemoVmOptions
{
    public const string Section = "HvWeb:DemoVm";

    /// <summary>Create "Demo VM" on the first run of a data root.</summary>
    public bool Enabled { get; set; } = true;
}
