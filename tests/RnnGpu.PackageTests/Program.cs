// A consumer of the RnnGpu package: checks which of the package's assets it compiled against and runs, then trains a small
// many-to-one classifier on the CPU accelerator for a few steps and checks that it learns. Exit code 0 when all holds.
using System.Reflection;
using System.Runtime.Versioning;
using RnnGpu;

#if NET10_0_OR_GREATER
const string expected = ".NETCoreApp,Version=v10.0";
#else
const string expected = ".NETCoreApp,Version=v8.0";
#endif
string Framework(Type t) => t.Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName ?? "?";
string self = Framework(typeof(Marker)), library = Framework(typeof(RecurrentLayer)), kernels = Framework(typeof(RnnGpu.Kernels.CellMath));
Console.WriteLine($"consumer {self}, RnnGpu {library} ({typeof(RecurrentLayer).Assembly.GetName().Version}), RnnGpu.Kernels {kernels}, runtime .NET {Environment.Version}");
if (self != expected || library != expected || kernels != expected)
{
    Console.Error.WriteLine($"expected the {expected} assets of the packages");
    return 1;
}

using var device = ComputeDevice.Create(new DeviceOptions(AcceleratorKind.Cpu, IgnoreEnvironment: true));
const int T = 6, B = 16, I = 3;
var rng = new Random(1);
var x = new float[T * B * I];
var y = new int[B];
for (int b = 0; b < B; b++)
{
    y[b] = b % 2;   // class 1: the first step's first feature is +1, class 0: -1
    for (int t = 0; t < T; t++)
        for (int i = 0; i < I; i++)
            x[(t * B + b) * I + i] = t == 0 && i == 0 ? (y[b] == 1 ? 1f : -1f) : (float)(rng.NextDouble() - 0.5);
}
using var model = new SequenceClassifier(device, new RnnOptions(RnnMode.Gru, I, 16), classes: 2, seed: 1);
using var adam = new Adam(model, new AdamOptions(0.02f));
using var tx = DeviceTensor.FromHost(device, x, T, B, I);
using var ty = DeviceIndices.FromHost(device, y, B);
float first = 0, last = 0;
for (int step = 1; step <= 40; step++)
{
    var r = Trainer.Step(model, tx, (logits, dlogits) => Losses.CrossEntropy(logits, ty, dlogits), adam, clip: 1f);
    if (step == 1) first = r.Loss;
    last = r.Loss;
}
using var output = model.Forward(tx);
double accuracy = Metrics.Accuracy(output, ty);
Console.WriteLine($"GRU classifier: loss {first:F4} -> {last:F4}, accuracy {accuracy:P0}");
if (!(last < first / 2) || accuracy < 0.9)
{
    Console.Error.WriteLine("the packaged library did not learn the toy task");
    return 1;
}
Console.WriteLine("package check passed");
return 0;

sealed class Marker;
