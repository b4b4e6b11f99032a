using System.Runtime.InteropServices;
using Mono.Cecil;

namespace Nara.Tests.Architecture;

/// <summary>A type the Nara assembly refers to, by namespace and full name (nested types as Outer+Inner).</summary>
internal readonly record struct TypeName(string Namespace, string FullName);

/// <summary>A top-level type of the Nara assembly and every type it refers to.</summary>
internal sealed record TypeUses(TypeName Type, IReadOnlySet<TypeName> References);

/// <summary>
/// Reads which types each type of the Nara assembly refers to: in its signatures, attributes and method bodies, so that
/// a handler querying another module's entity (<c>db.Set&lt;CareUnit&gt;()</c>) counts as much as a field of that type.
/// Nested and compiler-generated types (lambdas, async state machines) count for the type they are declared in.
/// We read the IL with Mono.Cecil, which NetArchTest.Rules brings along, rather than through NetArchTest's own API:
/// that one reports the failing type but not the dependency it found, and a failure should name both.
/// </summary>
internal static class TypeDependencies
{
    private static readonly Lazy<IReadOnlyList<TypeUses>> Loaded = new(Load);

    public static IReadOnlyList<TypeUses> OfNara => Loaded.Value;

    /// <summary>The module a namespace belongs to (Nara.Modules.&lt;Module&gt;...), or null.</summary>
    public static string? ModuleOf(string ns)
    {
        const string prefix = "Nara.Modules.";
        if (!ns.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var rest = ns[prefix.Length..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    /// <summary>True when <paramref name="ns"/> is <paramref name="root"/> or below it.</summary>
    public static bool IsWithin(string ns, string root) =>
        ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal);

    /// <summary>The modules that have at least one type in the assembly.</summary>
    public static IReadOnlySet<string> Modules() =>
        typeof(NaraHost).Assembly.GetTypes()
            .Select(t => t.Namespace is { } ns ? ModuleOf(ns) : null)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

    private static List<TypeUses> Load()
    {
        using var resolver = new DefaultAssemblyResolver();
        // Attribute arguments of enum type can only be decoded with the enum's assembly at hand.
        foreach (var dir in new[]
        {
            AppContext.BaseDirectory,
            RuntimeEnvironment.GetRuntimeDirectory(),
            Path.GetDirectoryName(typeof(Microsoft.AspNetCore.Builder.WebApplication).Assembly.Location)!,
        })
        {
            resolver.AddSearchDirectory(dir);
        }
        using var module = ModuleDefinition.ReadModule(typeof(NaraHost).Assembly.Location, new ReaderParameters { AssemblyResolver = resolver });
        var result = new List<TypeUses>();
        foreach (var type in module.Types.Where(t => t.Name != "<Module>"))
        {
            var refs = new HashSet<TypeName>();
            Collect(type, refs);
            refs.Remove(NameOf(type));
            result.Add(new TypeUses(NameOf(type), refs));
        }
        return result;
    }

    private static void Collect(TypeDefinition type, HashSet<TypeName> refs)
    {
        Add(type.BaseType, refs);
        foreach (var i in type.Interfaces)
        {
            Add(i.InterfaceType, refs);
        }
        Attributes(type.CustomAttributes, refs);
        GenericParameters(type.GenericParameters, refs);
        foreach (var f in type.Fields)
        {
            Add(f.FieldType, refs);
            Attributes(f.CustomAttributes, refs);
        }
        foreach (var p in type.Properties)
        {
            Add(p.PropertyType, refs);
            Attributes(p.CustomAttributes, refs);
        }
        foreach (var e in type.Events)
        {
            Add(e.EventType, refs);
        }
        foreach (var m in type.Methods)
        {
            Method(m, refs);
        }
        foreach (var nested in type.NestedTypes)
        {
            Collect(nested, refs);
        }
    }

    private static void Method(MethodDefinition m, HashSet<TypeName> refs)
    {
        Add(m.ReturnType, refs);
        Attributes(m.CustomAttributes, refs);
        Attributes(m.MethodReturnType.CustomAttributes, refs);
        GenericParameters(m.GenericParameters, refs);
        foreach (var p in m.Parameters)
        {
            Add(p.ParameterType, refs);
            Attributes(p.CustomAttributes, refs);
        }
        if (!m.HasBody)
        {
            return;
        }
        foreach (var v in m.Body.Variables)
        {
            Add(v.VariableType, refs);
        }
        foreach (var h in m.Body.ExceptionHandlers)
        {
            Add(h.CatchType, refs);
        }
        foreach (var instruction in m.Body.Instructions)
        {
            Operand(instruction.Operand, refs);
        }
    }

    private static void Operand(object? operand, HashSet<TypeName> refs)
    {
        switch (operand)
        {
            case TypeReference t:
                Add(t, refs);
                break;
            case GenericInstanceMethod g:
                Operand(g.ElementMethod, refs);
                foreach (var a in g.GenericArguments)
                {
                    Add(a, refs);
                }
                break;
            case MethodReference mr:
                Add(mr.DeclaringType, refs);
                Add(mr.ReturnType, refs);
                foreach (var p in mr.Parameters)
                {
                    Add(p.ParameterType, refs);
                }
                break;
            case FieldReference fr:
                Add(fr.DeclaringType, refs);
                Add(fr.FieldType, refs);
                break;
            default:
                break;
        }
    }

    private static void Attributes(IEnumerable<CustomAttribute> attributes, HashSet<TypeName> refs)
    {
        foreach (var a in attributes)
        {
            Add(a.AttributeType, refs);
            foreach (var arg in a.ConstructorArguments.Concat(a.Properties.Select(p => p.Argument)).Concat(a.Fields.Select(f => f.Argument)))
            {
                Add(arg.Type, refs);
                if (arg.Value is TypeReference typeOf)
                {
                    Add(typeOf, refs);
                }
            }
        }
    }

    private static void GenericParameters(IEnumerable<GenericParameter> parameters, HashSet<TypeName> refs)
    {
        foreach (var p in parameters)
        {
            foreach (var c in p.Constraints)
            {
                Add(c.ConstraintType, refs);
            }
        }
    }

    private static void Add(TypeReference? t, HashSet<TypeName> refs)
    {
        switch (t)
        {
            case null or GenericParameter or FunctionPointerType:
                return;
            case GenericInstanceType g:
                Add(g.ElementType, refs);
                foreach (var a in g.GenericArguments)
                {
                    Add(a, refs);
                }
                return;
            case IModifierType mod:
                Add(mod.ModifierType, refs);
                Add(((TypeSpecification)t).ElementType, refs);
                return;
            case TypeSpecification spec:
                Add(spec.ElementType, refs);
                return;
            default:
                refs.Add(NameOf(t));
                return;
        }
    }

    private static TypeName NameOf(TypeReference t)
    {
        var top = t;
        while (top.DeclaringType is { } outer)
        {
            top = outer;
        }
        return new TypeName(top.Namespace, t.FullName.Replace('/', '+'));
    }
}
