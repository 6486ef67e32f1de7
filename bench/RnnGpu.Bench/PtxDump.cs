using ILGPU.Algorithms;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace RnnGpu.Bench;

/// <summary>
/// "ptx --out DIR [--arch sm_90,sm_70] [--isa 7.8] [--all]": compiles every kernel of <see cref="KernelCatalog"/> that
/// CUDA can launch (every kernel with --all) with ILGPU's PTX backend, for each architecture, without a GPU, and writes
/// DIR/ARCH/KEY.ptx plus DIR/kernels.tsv (key, method, grouping, whether CUDA launches it). scripts/check-ptx.sh
/// assembles the files with ptxas and judges them.
/// </summary>
static class PtxDump
{
    public static int Run(string[] args)
    {
        string? outDir = null;
        string archList = "sm_90,sm_70", isa = "7.8";
        bool all = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--out": outDir = args[++i]; break;
                case "--arch": archList = args[++i]; break;
                case "--isa": isa = args[++i]; break;
                case "--all": all = true; break;
                default:
                    Console.Error.WriteLine($"ptx: unknown argument '{args[i]}'");
                    return 2;
            }
        }
        if (outDir is null)
        {
            Console.Error.WriteLine("ptx: --out DIR is required");
            return 2;
        }
        var isaParts = isa.Split('.');
        var instructionSet = new CudaInstructionSet(int.Parse(isaParts[0]), int.Parse(isaParts[1]));
        Directory.CreateDirectory(outDir);
        var entries = KernelCatalog.All.Where(e => all || e.OnCuda).OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
        using (var tsv = new StreamWriter(Path.Combine(outDir, "kernels.tsv")))
        {
            tsv.WriteLine("key\tmethod\tgrouping\tcuda");
            foreach (var e in entries)
                tsv.WriteLine($"{e.Key}\t{e.Method.DeclaringType!.Name}.{e.Method.Name}\t{(e.ExplicitlyGrouped ? "explicit" : "implicit")}\t{(e.OnCuda ? "yes" : "no")}");
        }
        using var context = Context.Create(b => b.Cuda().Optimize(OptimizationLevel.O2).EnableAlgorithms());
        int failures = 0;
        foreach (var archName in archList.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var arch = ParseArch(archName);
            string dir = Path.Combine(outDir, archName);
            Directory.CreateDirectory(dir);
            using var backend = new PTXBackend(context, new CudaCapabilityContext(arch), arch, instructionSet, null);
            foreach (var e in entries)
            {
                try
                {
                    var entry = e.ExplicitlyGrouped
                        ? EntryPointDescription.FromExplicitlyGroupedKernel(e.Method)
                        : EntryPointDescription.FromImplicitlyGroupedKernel(e.Method);
                    var compiled = (PTXCompiledKernel)backend.Compile(entry, KernelSpecialization.Empty);
                    File.WriteAllText(Path.Combine(dir, e.Key + ".ptx"), compiled.PTXAssembly);
                }
                catch (Exception ex)
                {
                    Console.Error.WriteLine($"ptx: {archName} {e.Key}: ILGPU could not compile it: {ex.GetType().Name}: {ex.Message}");
                    failures++;
                }
            }
        }
        Console.WriteLine($"ptx: {entries.Count} kernels x {archList.Split(',').Length} architectures (PTX ISA {isa}) written to {outDir}, {failures} failed");
        return failures == 0 ? 0 : 1;
    }

    static CudaArchitecture ParseArch(string name)
    {
        string digits = name.StartsWith("sm_", StringComparison.Ordinal) ? name[3..] : name;
        if (digits.Length < 2 || !int.TryParse(digits, out int v))
            throw new ArgumentException($"ptx: architecture '{name}' is not of the form sm_XY");
        return new CudaArchitecture(v / 10, v % 10);
    }
}
