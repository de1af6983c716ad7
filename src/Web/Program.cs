using HvWeb.Persistence;
using HvWeb.Web.Api;
using HvWeb.Web.Auth;
using HvWeb.Web.Components;
using HvWeb.Web.Demo;
using HvWeb.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddHvHostDefaults(args);

builder.Services.AddHvPersistence(builder.Configuration.GetHvDataRoot());

builder.Services.AddHvAuth();
builder.Services.AddHvWebApi();
builder.Services.AddHvUi();
builder.Services.AddHvDemoVm();

var app = builder.Build();

app.UseHvPipeline();
app.MapStaticAssets().AllowAnonymous();
app.MapHvApi();
app.MapHvAccount();
app.MapHvUi();

app.Run();
