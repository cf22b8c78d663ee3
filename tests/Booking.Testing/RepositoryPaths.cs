namespace Booking.Testing;

/// <summary>Finds files of the repository from a test's output folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string NodeBin(string tool)
    {
        var path = Path.Combine(Root, "node_modules", ".bin", tool);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{tool} is not installed; run ./test.sh (it runs 'npm ci') first.", path);
    }

    /// <summary>An assembly another project of the repository built, in the configuration and target framework this
    /// test assembly was built in (bin/&lt;Configuration&gt;/&lt;tfm&gt;/).</summary>
    public static string BuiltAssembly(string projectFolder, string assemblyFile)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = Path.Combine(Root, projectFolder, "bin", output.Parent!.Name, output.Name, assemblyFile);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{assemblyFile} is not built; build the solution (or the test project, which references it) first.", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BookingFunctions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("BookingFunctions.sln not found above " + AppContext.BaseDirectory);
    }
}
