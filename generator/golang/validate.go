package golang

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/eventgen/eventgen/generator/ir"
)

var (
	problemsParam = jen.Id("ps").Op("*").Qual(wirePkg, "Problems")
	pathParam     = jen.Id("p").Op("*").Qual(wirePkg, "Path")
)

// validator collects the package-level regular expressions the checks need, so each compiles once.
type validator struct {
	patterns []string
}

func (v *validator) pattern(re string) jen.Code {
	for i, p := range v.patterns {
		if p == re {
			return jen.Id(fmt.Sprintf("pattern%d", i))
		}
	}
	v.patterns = append(v.patterns, re)
	return jen.Id(fmt.Sprintf("pattern%d", len(v.patterns)-1))
}

func (v *validator) patternDecls(f *jen.File) {
	if len(v.patterns) == 0 {
		return
	}
	var defs []jen.Code
	for i, p := range v.patterns {
		defs = append(defs, jen.Id(fmt.Sprintf("pattern%d", i)).Op("=").Qual("regexp", "MustCompile").Call(jen.Lit(p)))
	}
	f.Var().Defs(defs...)
}

// add reports msg at path.
func add(path jen.Code, msg jen.Code) jen.Code {
	return jen.Id("ps").Dot("Add").Call(path, msg)
}

// fieldChecks validates the value of every field of x that has one; members is where x keeps the members
// of this object that did not decode (a required member kept there was present, just not decodable).
// The required plain fields that are missing are reported by requiredCheck, all at once.
func (v *validator) fieldChecks(fs []*ir.Field, pathVar string, members jen.Code) []jen.Code {
	var codes []jen.Code
	for _, f := range fs {
		fp := jen.Op("&").Id("fp")
		// branch is the block of one condition: fp, the field's path, then the checks.
		branch := func(checks ...jen.Code) jen.Code {
			return jen.Block(append([]jen.Code{jen.Id("fp").Op(":=").Id(pathVar).Dot("Key").Call(jen.Lit(f.JSONName))}, checks...)...)
		}
		if f.Plain() {
			if vc := v.valueChecks(f.Type, jen.Id("x").Dot(f.GoName), fp, f); len(vc) > 0 {
				word, bit := bitOf(f)
				codes = append(codes, jen.If(jen.Id("x").Dot("omit").Index(word).Op("&").Add(bit).Op("==").Lit(0)).Add(branch(vc...)))
			}
			continue
		}
		var check *jen.Statement
		if vc := v.valueChecks(f.Type, jen.Id("v"), fp, f); len(vc) > 0 {
			check = jen.If(jen.List(jen.Id("v"), jen.Id("ok")).Op(":=").Id("x").Dot(f.GoName).Dot("Get").Call(), jen.Id("ok")).Add(branch(vc...))
		}
		var branches []*jen.Statement
		if !f.Nullable {
			branches = append(branches, jen.If(jen.Id("x").Dot(f.GoName).Dot("IsNull").Call()).Add(branch(add(fp, jen.Lit("must not be null")))))
		}
		if f.Required {
			branches = append(branches, jen.If(jen.Id("x").Dot(f.GoName).Dot("IsAbsent").Call().Op("&&").Op("!").Add(members).Dot("Has").Call(jen.Lit(f.JSONName))).Add(
				branch(add(fp, jen.Lit("required member is missing")))))
		}
		for _, b := range branches {
			if check == nil {
				check = b
			} else {
				check = check.Else().Add(b)
			}
		}
		if check != nil {
			codes = append(codes, check)
		}
	}
	return codes
}

// requiredCheck reports the required plain fields among fs[from:to] that are missing (absent, and not
// kept in members), by their JSON names in the table names.
func requiredCheck(fs []*ir.Field, from, to int, names string, path, members jen.Code) []jen.Code {
	plain := false
	for _, f := range fs[from:to] {
		plain = plain || f.Plain()
	}
	if !plain {
		return nil
	}
	var table jen.Code = jen.Id(names)
	if to < len(fs) {
		table = jen.Id(names).Index(jen.Empty(), jen.Lit(to))
	}
	return []jen.Code{jen.Id("ps").Dot("Required").Call(path, jen.Id("x").Dot("omit").Index(jen.Empty(), jen.Empty()), table, jen.Lit(from), members)}
}

// memberNames declares the table of the JSON names of fields fs, by index, when one of them is plain.
func memberNames(f *jen.File, name string, fs []*ir.Field) {
	if omitWords(fs) == 0 {
		return
	}
	f.Var().Id(name).Op("=").Index().String().ValuesFunc(func(g *jen.Group) {
		for _, fd := range fs {
			g.Lit(fd.JSONName)
		}
	})
}

// valueChecks validates the value expr of type r at path (a *wire.Path expression); f adds the field's
// own constraints, or is nil for array and map elements.
func (v *validator) valueChecks(r *ir.TypeRef, expr, path jen.Code, f *ir.Field) []jen.Code {
	var codes []jen.Code
	if needsCheck(r) {
		codes = append(codes, v.refCheck(r, expr, path))
	}
	if f != nil {
		codes = append(codes, v.constraintChecks(f.Constraints, r.JSONKind(), expr, path)...)
		if len(f.Values) > 0 {
			var lits []jen.Code
			var texts []string
			for _, x := range f.Values {
				lits = append(lits, lit(x))
				texts = append(texts, jsonLiteral(x))
			}
			codes = append(codes, jen.If(jen.Op("!").Qual("slices", "Contains").Call(jen.Index().Add(goType(r)).Values(lits...), expr)).Block(
				add(path, jen.Lit("value ").Op("+").Qual(wirePkg, "JSONText").Call(expr).Op("+").Lit(" is not one of "+strings.Join(texts, ", ")))))
		}
	}
	return codes
}

// refCheck validates a value of a type that needs checking.
func (v *validator) refCheck(r *ir.TypeRef, expr, path jen.Code) jen.Code {
	if r.Kind != ir.RefNamed {
		return jen.Id(checkerName(r)).Call(jen.Id("ps"), path, expr)
	}
	t := r.Named
	switch t.Kind {
	case ir.KindObject, ir.KindOneOf:
		return jen.Add(expr).Dot("validate").Call(jen.Id("ps"), path)
	case ir.KindUnion:
		return jen.If(jen.Add(expr).Op("!=").Nil()).Block(jen.Add(expr).Dot("validate").Call(jen.Id("ps"), path))
	case ir.KindEnum:
		var texts []string
		for _, ev := range t.Values {
			texts = append(texts, jsonLiteral(ev.Value))
		}
		return jen.If(jen.Op("!").Add(expr).Dot("Known").Call()).Block(
			add(path, jen.Lit("value ").Op("+").Qual(wirePkg, "JSONText").Call(expr).Op("+").Lit(" is not one of "+strings.Join(texts, ", "))))
	case ir.KindTime:
		return jen.Qual(wirePkg, "CheckTime").Call(jen.Id("ps"), path, jen.String().Parens(expr), jen.Id(t.LayoutsName()), jen.Lit(t.FractionSeparators))
	}
	return jen.Block(v.constraintChecks(t.Constraints, t.Scalar, expr, path)...)
}

func (v *validator) constraintChecks(c ir.Constraints, kind string, expr, path jen.Code) []jen.Code {
	var codes []jen.Code
	str := jen.String().Parens(expr)
	if c.MaxLength != nil {
		codes = append(codes, jen.Qual(wirePkg, "CheckMaxLength").Call(jen.Id("ps"), path, str, jen.Lit(*c.MaxLength)))
	}
	if c.MinLength != nil {
		codes = append(codes, jen.Qual(wirePkg, "CheckMinLength").Call(jen.Id("ps"), path, str, jen.Lit(*c.MinLength)))
	}
	if c.MaxBytes != nil {
		codes = append(codes, jen.Qual(wirePkg, "CheckMaxBytes").Call(jen.Id("ps"), path, str, jen.Lit(*c.MaxBytes)))
	}
	if c.Pattern != "" {
		codes = append(codes, jen.Qual(wirePkg, "CheckPattern").Call(jen.Id("ps"), path, str, v.pattern(c.Pattern)))
	}
	if c.MinItems != nil || c.MaxItems != nil {
		codes = append(codes, jen.Qual(wirePkg, "CheckItems").Call(jen.Id("ps"), path, jen.Len(expr), bound(c.MinItems), bound(c.MaxItems)))
	}
	if c.Minimum != nil || c.Maximum != nil {
		if kind == "number" { // kept as written
			codes = append(codes, jen.Qual(wirePkg, "CheckNumberRange").Call(jen.Id("ps"), path, jen.Qual(jsonPkg, "Number").Parens(expr), floatBound(c.Minimum), floatBound(c.Maximum)))
		} else {
			codes = append(codes, jen.Qual(wirePkg, "CheckRange").Call(jen.Id("ps"), path, jen.Float64().Parens(expr), floatBound(c.Minimum), floatBound(c.Maximum)))
		}
	}
	return codes
}

func bound(n *int) jen.Code {
	if n == nil {
		return jen.Lit(-1)
	}
	return jen.Lit(*n)
}

func floatBound(f *float64) jen.Code {
	if f == nil {
		return jen.Nil()
	}
	return jen.Qual(wirePkg, "Bound").Call(jen.Lit(*f))
}

// checkers emits the check helpers of arrays and maps whose elements need checking.
func (v *validator) checkers(f *jen.File, rs []*ir.TypeRef) {
	for _, r := range rs {
		if !needsCheck(r) || r.Kind == ir.RefNamed || r.Kind == ir.RefBuiltin {
			continue
		}
		if r.Kind == ir.RefArray {
			f.Func().Id(checkerName(r)).Params(problemsParam, pathParam, jen.Id("s").Add(goType(r))).Block(
				jen.For(jen.Id("i").Op(":=").Range().Id("s")).Block(
					jen.Id("ip").Op(":=").Id("p").Dot("Index").Call(jen.Id("i")),
					jen.Block(v.valueChecks(r.Elem, jen.Id("s").Index(jen.Id("i")), jen.Op("&").Id("ip"), nil)...),
				))
			continue
		}
		f.Func().Id(checkerName(r)).Params(problemsParam, pathParam, jen.Id("m").Add(goType(r))).Block(
			jen.For(jen.List(jen.Id("_"), jen.Id("k")).Op(":=").Range().Qual("slices", "Sorted").Call(jen.Qual("maps", "Keys").Call(jen.Id("m")))).Block(
				jen.Id("kp").Op(":=").Id("p").Dot("Key").Call(jen.Id("k")),
				jen.Id("v").Op(":=").Id("m").Index(jen.Id("k")),
				jen.Block(v.valueChecks(r.Elem, jen.Id("v"), jen.Op("&").Id("kp"), nil)...),
			))
	}
}

// allOrNoneChecks reports member sets that are partly present.
func allOrNoneChecks(sets [][]*ir.Field, path, members jen.Code) []jen.Code {
	var codes []jen.Code
	for _, set := range sets {
		var names []jen.Code
		var present []jen.Code
		for _, f := range set {
			names = append(names, jen.Lit(f.JSONName))
			var has jen.Code
			if f.Plain() {
				word, bit := bitOf(f)
				has = jen.Id("x").Dot("omit").Index(word).Op("&").Add(bit).Op("==").Lit(0)
			} else {
				has = jen.Op("!").Id("x").Dot(f.GoName).Dot("IsAbsent").Call()
			}
			present = append(present, jen.Add(has).Op("||").Add(members).Dot("Has").Call(jen.Lit(f.JSONName)))
		}
		codes = append(codes, jen.Qual(wirePkg, "CheckAllOrNone").Call(jen.Id("ps"), path,
			jen.Index().String().Values(names...), jen.Index().Bool().Values(present...)))
	}
	return codes
}

// typeValidators emits validate (and the public Validate) for objects and oneofs.
func (v *validator) typeValidators(f *jen.File, p *ir.Platform) {
	for _, t := range p.Types {
		if t.IncludeOnly() {
			continue
		}
		switch t.Kind {
		case ir.KindObject:
			memberNames(f, t.MembersName(), t.Fields)
			body := requiredCheck(t.Fields, 0, len(t.Fields), t.MembersName(), jen.Id("p"), jen.Id("x").Dot("extra"))
			body = append(body, v.fieldChecks(t.Fields, "p", jen.Id("x").Dot("extra"))...)
			body = append(body, allOrNoneChecks(t.AllOrNone, jen.Id("p"), jen.Id("x").Dot("extra"))...)
			body = append(body, jen.Id("ps").Dot("Members").Call(jen.Id("p"), jen.Id("x").Dot("extra")))
			f.Func().Params(jen.Id("x").Op("*").Id(t.Name)).Id("validate").Params(problemsParam, pathParam).Block(body...)
			publicValidate(f, t.Name, "x")
		case ir.KindOneOf:
			var body []jen.Code
			for _, a := range t.Alternatives {
				if vc := v.valueChecks(a.Type, jen.Id("v"), jen.Id("p"), nil); len(vc) > 0 {
					body = append(body, jen.If(jen.List(jen.Id("v"), jen.Id("ok")).Op(":=").Id("x").Dot(a.GoName).Dot("Get").Call(), jen.Id("ok")).Block(vc...))
				}
			}
			f.Func().Params(jen.Id("x").Op("*").Id(t.Name)).Id("validate").Params(problemsParam, pathParam).Block(body...)
		}
	}
}

func publicValidate(f *jen.File, name, what string) {
	f.Comment("Validate reports every problem of " + what + " as Problems with JSON pointers relative to it, or returns nil.")
	f.Func().Params(jen.Id("x").Op("*").Id(name)).Id("Validate").Params().Error().Block(
		jen.Var().Id("ps").Qual(wirePkg, "Problems"),
		jen.Id("x").Dot("validate").Call(jen.Op("&").Id("ps"), jen.Nil()),
		jen.Return(jen.Id("ps").Dot("Err").Call()),
	)
}

// eventValidators emits validate and Validate for every event, walking the envelope levels.
func (v *validator) eventValidators(f *jen.File, p *ir.Platform) {
	for _, ev := range p.WireEvents() {
		env := p.Envelope.Of(ev)
		var body []jen.Code
		pathVar := "p"
		for k := 0; k < envLevels(env); k++ {
			down := env.Down(k)
			next := fmt.Sprintf("p%d", k+1)
			body = append(body,
				jen.Id(next).Op(":=").Id(pathVar).Dot("Key").Call(jen.Lit(down)),
				jen.If(jen.Id("x").Dot("envOmit").Op("&").Lit(1<<k).Op("!=").Lit(0).Op("&&").Op("!").Add(levelMembers(env, k)).Dot("Has").Call(jen.Lit(down))).Block(
					add(jen.Op("&").Id(next), jen.Lit("required member is missing"))),
				jen.Id("ps").Dot("Members").Call(pathRef(pathVar), levelMembers(env, k)),
			)
			pathVar = next
		}
		memberNames(f, ev.MembersName(), ev.Fields)
		nenv := len(env.Fields)
		body = append(body, requiredCheck(ev.Fields, 0, nenv, ev.MembersName(), jen.Id("p"), levelMembers(env, 0))...)
		body = append(body, v.fieldChecks(env.Fields, "p", levelMembers(env, 0))...)
		payload := requiredCheck(ev.Fields, nenv, len(ev.Fields), ev.MembersName(), pathRef(pathVar), jen.Id("x").Dot("extra"))
		payload = append(payload, v.fieldChecks(ev.PayloadFields(env), pathVar, jen.Id("x").Dot("extra"))...)
		payload = append(payload, allOrNoneChecks(ev.AllOrNone, pathRef(pathVar), jen.Id("x").Dot("extra"))...)
		payload = append(payload, jen.Id("ps").Dot("Members").Call(pathRef(pathVar), jen.Id("x").Dot("extra")))
		if envLevels(env) > 0 {
			// Without its payload object, the event's members are not missing one by one: the payload
			// member is, and that is reported above.
			payload = []jen.Code{jen.If(jen.Id("x").Dot("envOmit").Op("==").Lit(0)).Block(payload...)}
		}
		body = append(body, payload...)
		f.Func().Params(jen.Id("x").Op("*").Id(ev.GoName)).Id("validate").Params(problemsParam, pathParam).Block(body...)
		publicValidate(f, ev.GoName, "the event")
	}
}

func pathRef(name string) jen.Code {
	if name == "p" {
		return jen.Id("p")
	}
	return jen.Op("&").Id(name)
}
