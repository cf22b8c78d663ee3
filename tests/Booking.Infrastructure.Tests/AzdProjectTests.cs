using System.Text.Json.Nodes;
using Booking.Testing;

namespace Booking.Infrastructure.Tests;

/// <summary>azure.yaml and the template agree, so <c>azd up</c> provisions infra/ and publishes the Function App.</summary>
public sealed class AzdProjectTests(MainTemplate main) : IClassFixture<MainTemplate>
{
    private static readonly JsonObject Project = AzureYaml.Read(InfraPaths.AzureYaml);

    [Fact]
    public void Azure_yaml_names_one_dotnet_function_service_whose_project_is_the_function_app_folder()
    {
        var (_, node) = Assert.Single(Project["services"]!.AsObject());
        var service = node!.AsObject();
        var folder = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, (string)service["project"]!));

        Assert.Equal("function", (string?)service["host"]);
        Assert.Equal("dotnet", (string?)service["language"]);
        Assert.Equal(Path.Combine(RepositoryPaths.Root, "src", "BookingFunctions"), folder);
        var project = Assert.Single(Directory.GetFiles(folder, "*.csproj"));
        Assert.Contains("<AzureFunctionsVersion>", File.ReadAllText(project), StringComparison.Ordinal);
    }

    [Fact]
    public void Function_app_carries_the_azd_service_name_tag_of_the_azure_yaml_service()
    {
        var (serviceName, _) = Assert.Single(Project["services"]!.AsObject());

        Assert.Equal(serviceName, (string?)main.Compiled.FunctionApp["tags"]?["azd-service-name"]);
    }

    [Fact]
    public void Azd_provisions_infra_main_with_the_bicepparam_file_which_it_prefers_to_a_parameters_json()
    {
        var infra = Project["infra"]!;
        var folder = Path.Combine(RepositoryPaths.Root, (string)infra["path"]!);
        var module = (string)infra["module"]!;

        Assert.Equal("bicep", (string?)infra["provider"]);
        Assert.Equal(InfraPaths.Template, Path.Combine(folder, module + ".bicep"));
        Assert.Equal(InfraPaths.Parameters, Path.Combine(folder, module + ".bicepparam"));
        Assert.True(File.Exists(InfraPaths.Parameters));
        Assert.False(
            File.Exists(Path.Combine(folder, module + ".parameters.json")),
            "azd would ignore a parameters JSON file beside the .bicepparam; keep one parameters file.");
    }

    [Fact]
    public void Template_deploys_into_a_resource_group_which_azd_keeps_in_AZURE_RESOURCE_GROUP()
    {
        Assert.EndsWith("/deploymentTemplate.json#", (string?)main.Compiled.Json["$schema"], StringComparison.Ordinal);
    }
}
