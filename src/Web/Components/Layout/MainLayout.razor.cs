namespace HvWeb.Web.Components.Layout;

/// <summary>The app bar, the navigation (Virtual Machines, Jobs, Event Log) and the job notifications of every page.</summary>
public partial class MainLayout
{
    /// <summary>Open on wide screens; on narrow ones the drawer closes itself after a choice.</summary>
    private bool NavigationOpen { get; set; } = true;

    private void ToggleNavigation() => NavigationOpen = !NavigationOpen;
}
