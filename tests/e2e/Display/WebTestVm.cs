using System.Net.Http.Json;
using System.Text.Json;
using HvWeb.Tests.E2e.Support;
using HvWeb.Tests.E2e.Web;

namespace HvWeb.Tests.E2e.Display;

/// <summary>A tiny generation 1 guest created and started through the real host's API, booted to its shell.</summary>
internal sealed class WebTestVm
{
    private static readonly TimeSpan Boot = TimeSpan.FromSeconds(90);
    private readonly HvWebHostFixture _host;

    private WebTestVm(HvWebHostFixture host, Guid id, string name)
    {
        _host = host;
        Id = id;
        Name = name;
        Serial = new SerialLog(Path.Combine(host.DataRoot, "Virtual Machines", name, "Virtual Machines", id.ToString("D"), "serial.log"));
    }

    public Guid Id { get; }

    public string Name { get; }

    public SerialLog Serial { get; }

    public static async Task<WebTestVm> StartAsync(HvWebHostFixture host, string prefix)
    {
        var name = VmFixtures.NewName(prefix);
        var vm = new WebTestVm(host, await VmFixtures.CreateTinyAsync(host, name), name);
        await vm.StartAsync();
        return vm;
    }

    /// <summary>Start (a job), then the guest's ready marker on COM1.</summary>
    public async Task StartAsync()
    {
        var from = Serial.Length;
        var job = await JobApi.PostAsync(_host.Api, $"/api/v1/vms/{Id}/start");
        await JobApi.SucceededAsync(_host.Api, JobApi.Id(job), _host.RecentLog);
        await Serial.WaitForAsync(SerialLog.ReadyMarker, from, Boot);
    }

    public Task TurnOffAsync() => PostAsync("turn-off");

    public async Task<byte[]> ScreenshotAsync() =>
        await _host.Api.GetByteArrayAsync(new Uri($"/api/v1/vms/{Id}/screenshot", UriKind.Relative));

    public async Task<string> StateAsync() =>
        (await _host.Api.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/vms/{Id}", UriKind.Relative))).GetProperty("state").GetString()!;

    private async Task PostAsync(string action)
    {
        using var response = await _host.Api.PostAsync(new Uri($"/api/v1/vms/{Id}/{action}", UriKind.Relative), null);
        Assert.True(response.IsSuccessStatusCode, $"{action}: {await response.Content.ReadAsStringAsync()}");
    }
}
