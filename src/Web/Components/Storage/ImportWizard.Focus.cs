using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace HvWeb.Web.Components.Storage;

/// <summary>
/// Keyboard: each page opens with the focus on its first field (the list of virtual machines, the
/// selected import type, the first folder), the Summary on Finish, so Enter goes on (see
/// <see cref="WizardFocus"/>).
/// </summary>
public partial class ImportWizard
{
    private const string PageElementId = "hv-import-wizard-page";
    private const string FinishButtonId = "hv-import-wizard-finish";
    // A page's selected option comes first (WizardFocus); else the list of virtual machines, a box or a list.
    private const string FirstFieldSelector = "[role=listbox], input:not([type=hidden]):not([disabled]):not([type=radio]), [role=combobox][tabindex=\"0\"]";

    [Inject] private IJSRuntime JS { get; set; } = default!;

    private ImportPage? _focused;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focused != Page && !Busy)
        {
            _focused = Page;
            await FocusFirstFieldAsync(Page);
        }
    }

    private Task FocusFirstFieldAsync(ImportPage page) =>
        WizardFocus.FocusPageAsync(JS, Time, PageElementId, page == ImportPage.Summary ? FinishButtonId : null, () => Page == page, FirstFieldSelector);
}
