"""Category tree actions as both official SDKs see them: depth limits per tree type,
InvalidCateId.NotFound, byte-length names, and the cascading delete."""

from __future__ import annotations

import pytest

from action_helpers import both, both_fail


def add(v1_client, name: str, **params) -> dict:
    from conftest import v1_request

    return v1_client.call(v1_request("AddCategory", CateName=name, **params))["Category"]


@pytest.mark.conformance("GetCategories")
def test_get_categories_root_and_node(v1_client, tea_client):
    body, model = both(v1_client, tea_client, "GetCategories", {"PageSize": 100})
    tops = body["SubCategories"]["Category"]
    assert body["SubTotal"] == len(tops) >= 6 and all(c["Level"] == 0 for c in tops)
    assert model.sub_categories.category[0].cate_id == tops[0]["CateId"]
    with_children = next(c for c in tops if c["SubTotal"] > 0)
    body, model = both(v1_client, tea_client, "GetCategories", {"CateId": with_children["CateId"], "PageSize": 100})
    assert body["Category"]["CateId"] == with_children["CateId"]
    assert body["SubTotal"] == with_children["SubTotal"]
    assert all(c["Level"] == 1 and c["ParentId"] == with_children["CateId"] for c in body["SubCategories"]["Category"])
    body, _ = both(v1_client, tea_client, "GetCategories", {"Type": "material"})
    assert body["SubCategories"]["Category"] and body["SubCategories"]["Category"][0]["Type"] == "material"
    both_fail(v1_client, tea_client, "GetCategories", "InvalidCateId.NotFound", {"CateId": 42}, 404)


@pytest.mark.conformance("AddCategory")
def test_add_category_levels(v1_client, tea_client):
    body, model = both(v1_client, tea_client, "AddCategory", {"CateName": "顶层 top"}, raw=False)
    top = body["Category"]
    assert top["Level"] == 0 and top["ParentId"] == -1 and top["Type"] == "default"
    assert model.category.level == 0
    body, _ = both(v1_client, tea_client, "AddCategory", {"CateName": "mid", "ParentId": top["CateId"]}, raw=False)
    mid = body["Category"]
    leaf = add(v1_client, "leaf", ParentId=mid["CateId"])
    assert leaf["Level"] == 2
    both_fail(v1_client, tea_client, "AddCategory", "LevelExceededMax",
              {"CateName": "too deep", "ParentId": leaf["CateId"]}, 400)
    both_fail(v1_client, tea_client, "AddCategory", "InvalidCateId.NotFound", {"CateName": "x", "ParentId": 42}, 404)
    both_fail(v1_client, tea_client, "AddCategory", "LengthExceededMax", {"CateName": "名" * 22}, 400)
    both_fail(v1_client, tea_client, "AddCategory", "IllegalCharacters", {"CateName": "\U0001F4C1"}, 400)


def test_material_tree_has_two_levels(v1_client, tea_client):
    from conftest import v1_request

    roots = v1_client.call(v1_request("GetCategories", Type="material"))["SubCategories"]["Category"]
    body, _ = both(v1_client, tea_client, "AddCategory",
                   {"CateName": "素材", "Type": "material", "ParentId": roots[0]["CateId"]}, raw=False)
    child = body["Category"]
    assert child["Level"] == 1 and child["Type"] == "material"
    both_fail(v1_client, tea_client, "AddCategory", "LevelExceededMax",
              {"CateName": "deeper", "Type": "material", "ParentId": child["CateId"]}, 400)
    both_fail(v1_client, tea_client, "AddCategory", "MissingParameter", {"CateName": "top", "Type": "material"}, 400)


@pytest.mark.conformance("UpdateCategory")
def test_update_category(v1_client, tea_client):
    cat = add(v1_client, "before")
    both(v1_client, tea_client, "UpdateCategory", {"CateId": cat["CateId"], "CateName": "after"}, raw=False)
    body, _ = both(v1_client, tea_client, "GetCategories", {"CateId": cat["CateId"]})
    assert body["Category"]["CateName"] == "after"
    both_fail(v1_client, tea_client, "UpdateCategory", "InvalidCateId.NotFound", {"CateId": 42, "CateName": "x"}, 404)
    both_fail(v1_client, tea_client, "UpdateCategory", "LengthExceededMax",
              {"CateId": cat["CateId"], "CateName": "n" * 65}, 400)


@pytest.mark.conformance("DeleteCategory")
def test_delete_category_cascades_to_subtree_and_media(v1_client, tea_client):
    from conftest import v1_request

    top = add(v1_client, "doomed")
    mid = add(v1_client, "doomed mid", ParentId=top["CateId"])
    leaf = add(v1_client, "doomed leaf", ParentId=mid["CateId"])
    other = add(v1_client, "other top")
    video = v1_client.call(v1_request("GetVideoList", Status="Normal", PageSize=1))["VideoList"]["Video"][0]
    v1_client.call(v1_request("UpdateVideoInfo", VideoId=video["VideoId"], CateId=leaf["CateId"]))
    body = v1_client.call(v1_request("GetVideoList", CateId=leaf["CateId"]))
    assert body["Total"] == 1
    both(v1_client, tea_client, "DeleteCategory", {"CateId": top["CateId"]},
         tea_params={"CateId": other["CateId"]}, raw=False)
    for cate in (top, mid, leaf, other):
        both_fail(v1_client, tea_client, "GetCategories", "InvalidCateId.NotFound", {"CateId": cate["CateId"]}, 404)
    body, _ = both(v1_client, tea_client, "GetVideoInfo", {"VideoId": video["VideoId"]})
    assert "CateId" not in body["Video"] and "CateName" not in body["Video"]
    both_fail(v1_client, tea_client, "DeleteCategory", "InvalidCateId.NotFound", {"CateId": top["CateId"]}, 404)
